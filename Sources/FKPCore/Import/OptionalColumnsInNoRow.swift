/// The header's last, optional, columns when no row has them: every row ends before them, as a
/// header copied from the format above rows from a system without coordinates has it. One problem
/// for the header then, rather than each row told that it leaves them out.
public struct OptionalColumnsInNoRow: Sendable {
    private let header: CSVHeader
    private var rows = 0
    /// The count of fields of the first row, and whether another row's differs.
    private var fieldCount: Int?
    private var countsDiffer = false
    /// The refusals of rows for leaving the columns out and nothing else, kept aside: the problems
    /// this one says, or, when some row has the columns, the rows' own.
    public private(set) var rowsLeavingThemOut = ImportProblems()

    public init(header: CSVHeader) { self.header = header }

    /// A record under the header, refused or not.
    public mutating func count(_ record: CSVReader.Record) {
        rows += 1
        if rows == 1 {
            fieldCount = record.fields.count
        } else if fieldCount != record.fields.count {
            countsDiffer = true
        }
    }

    /// Keeps a row's refusal for leaving the columns out and nothing else; false for any other.
    public mutating func keep(_ refusal: ImportProblems) -> Bool {
        guard refusal.total == 1, case .optionalColumnsLeftOut = refusal.shown.first?.problem else { return false }
        rowsLeavingThemOut.append(contentsOf: refusal)
        return true
    }

    /// The problem, once every row is read: two rows or more, each ending before the same optional
    /// columns, and right without them on half of the rows at least (rows short of other columns,
    /// values missing in the middle, are not told to delete the last ones).
    public var problem: ImportProblem? {
        guard rows >= 2, !countsDiffer, let fieldCount, rowsLeavingThemOut.total * 2 >= rows else { return nil }
        let leftOut = header.count - fieldCount
        guard leftOut > 0, leftOut <= header.optionalAtEnd.count else { return nil }
        return ImportProblem(line: header.line, problem: .optionalColumnsInNoRow(columns: Array(header.optionalAtEnd.suffix(leftOut)), rows: rows))
    }
}
