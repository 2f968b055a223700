/// A list's row parser: checks the rows under one header, one by one, and tells what only the
/// whole file shows (a column empty on every row, names moved round in the header), asked once the
/// last row is parsed.
public protocol ListRowParser: Sendable {
    associatedtype Row
    var header: CSVHeader { get }
    /// Checks one row; returns what it gives, or every problem of the row.
    mutating func parse(_ record: CSVReader.Record) -> Result<Row, ImportProblems>
    func wholeColumnProblems() -> [ImportProblem]
    /// The columns whose every problem on its rows the whole-column `problems` say, so that those
    /// rows' problems there are said once.
    func columnsExplained(by problems: [ImportProblem]) -> Set<String>
    /// A copy to read a row with its ends changed, whose counts are thrown away: without what it
    /// keeps row by row (a copy would copy that whole at its first change, for every such row).
    var copyForTrial: Self { get }
}

extension ListRowParser {
    /// The refusal of a row whose count of fields is not the header's (nil for one that has it),
    /// told what its fields would be right as (`CSVHeader.fieldCountProblem`). The row read with its
    /// ends changed is read by a copy: it changes nothing of this parser's (its counts, its unit).
    func fieldCountRefusal(_ record: CSVReader.Record) -> ImportProblems? {
        guard record.fields.count != header.count else { return nil }
        var copy = copyForTrial
        let problem = header.fieldCountProblem(of: record) {
            if case .success = copy.parse($0) { true } else { false }
        }
        return ImportProblems([ImportProblem(line: record.line, problem: problem)])
    }
}
