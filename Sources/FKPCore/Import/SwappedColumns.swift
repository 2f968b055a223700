/// Two columns whose names are swapped in the header, each column's values under the other's name:
/// on most rows of a sample (the first hundred), each column's values fail its own name's rule and
/// fit the other's. Said once, for the header, instead of a problem in both columns on every row.
/// A pair whose values fit both rules (a NIK and a family card number) cannot be told, and is not.
struct SwappedColumns: Sendable {
    static let sampledRows = 100
    /// Fewer rows than this could swap by chance.
    static let fewestRows = 3

    /// The header's names, in the order of each sampled row's values.
    let names: [String]
    private(set) var rows: [[String]] = []

    init(names: [String]) { self.names = names }

    var isSampling: Bool { rows.count < Self.sampledRows }

    /// One row's values, in the order of `names`, trimmed.
    mutating func sample(_ values: [String]) {
        if isSampling { rows.append(values) }
    }

    /// The swapped pairs, in the order of `names`, each column in one pair at most. `fits` is a
    /// value's fit with a column's rule (`FamilyCSV.fits`).
    func pairs(fits: (String, String) -> Bool) -> [(String, String)] {
        guard rows.count >= Self.fewestRows else { return [] }
        func share(_ column: Int, fitting name: String) -> Double {
            Double(rows.count { fits($0[column], name) }) / Double(rows.count)
        }
        var found: [(String, String)] = []
        var paired = Set<Int>()
        for a in names.indices where !paired.contains(a) && share(a, fitting: names[a]) <= 0.2 {
            for b in names.indices where b > a && !paired.contains(b) && share(b, fitting: names[b]) <= 0.2 {
                guard share(a, fitting: names[b]) >= 0.8, share(b, fitting: names[a]) >= 0.8 else { continue }
                found.append((names[a], names[b]))
                paired.formUnion([a, b])
                break
            }
        }
        return found
    }
}
