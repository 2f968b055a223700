/// A row with fewer fields than the header, which the importer holds until the next record: a line
/// break inside an unquoted value (as exports that do not quote values leave it, and as a value
/// typed over two lines in a text editor has it) splits a row in two short ones, whose fields
/// number the header's and one more, the broken value counted on both lines. Said once then, at
/// the first line, rather than as two counts of fields.
public struct ShortRow: Sendable {
    public let line: Int
    let found: Int
    let inHeader: Int

    /// The row a record's refusal says is short of fields (and nothing else); nil for any other refusal.
    public init?(refusal: ImportProblems) {
        guard refusal.total == 1, let problem = refusal.shown.first, let line = problem.line,
              case .fieldCount(let found, let inHeader) = problem.problem, found < inHeader else { return nil }
        (self.line, self.found, self.inHeader) = (line, found, inHeader)
    }

    /// Whether `next`, the record after this one, is the rest of this row.
    public func isContinued(by next: ShortRow) -> Bool { found + next.found == inHeader + 1 }

    /// This row and `next` one row, split by a line break.
    public func split(continuedBy next: ShortRow) -> ImportProblem {
        ImportProblem(line: line, problem: .rowSplitByLineBreak(continuesOnLine: next.line))
    }

    /// This row alone: short, or, the file's last with no line break after it, where the file was
    /// cut off (a download or a copy that did not finish). One value alone is not a short row: it
    /// is a note under the list, as often left without a line break.
    public func problem(endingTheFile: Bool) -> ImportProblem {
        ImportProblem(line: line, problem: endingTheFile ? .fileEndsMidRow(found: found, inHeader: inHeader)
                                                         : .fieldCount(found: found, inHeader: inHeader))
    }
}
