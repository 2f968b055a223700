import FKPCore
import FKPStore

/// The other family of a duplicate or merged row as a page shows it: by its number when it is in
/// the same SLS list (as the list is read aloud, and as the person may have typed it), by its
/// name, unit and number when in another unit of the forum, by its id when none of those is known.
struct OtherFamilyShown {
    private let forum: ForumSummary
    /// The families at hand by id.
    private let named: [String: ReviewRepository.Row]

    init(_ rows: [ReviewRepository.Row], forum: ForumSummary) {
        self.forum = forum
        named = Dictionary(rows.lazy.map { ($0.familyID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The ids `rows` name as the other family that are not among them: what a page must read
    /// besides its own rows to name them all.
    static func missing(from rows: [ReviewRepository.Row], naming ids: some Sequence<String>) -> [String] {
        let present = Set(rows.lazy.map(\.familyID))
        return Array(Set(ids).subtracting(present)).sorted()
    }

    /// What a form's field holds for it: "no. 4", which sent again names the same family (no id
    /// holds a space, so it is read as a number); another unit's family by its id.
    func field(_ id: String, unit: String) -> String {
        guard let other = named[id], other.unit == unit else { return id }
        return "no. \(other.number)"
    }

    /// A row's presence as the pages write it, `label` followed by the other family it names:
    /// "Ganda dengan keluarga lain → 4. Ohim Maryani"; `label` alone when it names none.
    func presence(_ label: String, of review: Review, unit: String) -> String {
        review.otherFamily.map { "\(label) → \(self.label($0, unit: unit))" } ?? label
    }

    /// Whom it names, for a person reading a row of unit `unit`: "4. Ohim Maryani", or
    /// "Ohim Maryani (RT 002, no. 1)".
    func label(_ id: String, unit: String) -> String {
        guard let other = named[id] else { return id }
        return forum.familyName(number: other.number, headName: other.headName, unit: other.unit, seenFrom: unit)
    }
}
