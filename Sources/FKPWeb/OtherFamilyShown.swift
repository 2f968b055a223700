import FKPStore

/// The other family of a duplicate or merged row as a page shows it: by its number when it is in
/// the same SLS list (as the list is read aloud, and as the person may have typed it), else by its id.
struct OtherFamilyShown {
    /// The page's families by id.
    private let named: [String: ReviewRepository.Row]

    init(_ rows: [ReviewRepository.Row]) {
        named = Dictionary(rows.lazy.map { ($0.familyID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What a form's field holds for it: "no. 4", which sent again names the same family (no id
    /// holds a space, so it is read as a number).
    func field(_ id: String, unit: String) -> String {
        guard let other = named[id], other.unit == unit else { return id }
        return "no. \(other.number)"
    }

    /// Whom it names, for a person reading the row: "4. Ohim Maryani".
    func label(_ id: String, unit: String) -> String {
        guard let other = named[id], other.unit == unit else { return id }
        return "\(other.number). \(other.headName)"
    }
}
