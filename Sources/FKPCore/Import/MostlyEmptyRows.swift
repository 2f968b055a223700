/// Rows refused as mostly empty, held until every row is read: a list exported without several
/// columns leaves every row mostly empty, and the columns empty on every row (`columnEmpty`) say
/// so once; those rows, empty in those columns alone, are then no problem of their own.
public struct MostlyEmptyRows: Sendable {
    private var held = ImportProblems()
    /// The rows held, by the columns each one fills: what tells the rows not shown apart.
    private var rowsByFilled: [[String]: Int] = [:]

    public init() {}

    /// Keeps a row's refusal as mostly empty; false for any other.
    public mutating func keep(_ refusal: ImportProblems) -> Bool {
        guard refusal.total == 1, case .mostlyEmpty(let filled) = refusal.shown.first?.problem else { return false }
        held.append(contentsOf: refusal)
        rowsByFilled[filled, default: 0] += 1
        return true
    }

    /// The rows' problems but those of rows empty only in `emptyEverywhere`, of the `required` columns.
    public func problems(emptyEverywhere: Set<String>, required: [String]) -> ImportProblems {
        func isExplained(_ filled: [String]) -> Bool { Set(required).subtracting(filled).isSubset(of: emptyEverywhere) }
        guard !emptyEverywhere.isEmpty else { return held }
        var left = ImportProblems(held.shown.filter {
            if case .mostlyEmpty(let filled) = $0.problem { !isExplained(filled) } else { true }
        })
        let rowsLeft = rowsByFilled.filter { !isExplained($0.key) }.values.reduce(0, +)
        left.appendCounted(rowsLeft - left.total, inColumn: nil)
        return left
    }
}
