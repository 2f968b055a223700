/// A list's row parser that also tells what only the whole file shows (a column empty on every
/// row, two names swapped in the header), asked once the last row is parsed.
public protocol WholeColumnChecks {
    func wholeColumnProblems() -> [ImportProblem]
    /// The columns whose every problem on its rows the whole-column `problems` say, so that those
    /// rows' problems there are said once.
    func columnsExplained(by problems: [ImportProblem]) -> Set<String>
}

extension ImportProblem {
    /// The columns this whole-column problem explains every row's problem in: the columns of names
    /// swapped or moved round, the column of one empty on every row or swapped with another under a right header.
    public var columnsExplained: [String] {
        switch problem {
        case .columnNamesSwapped(let one, let other): [one, other]
        case .columnNamesMovedRound(let under, _): under
        case .columnEmpty, .membersAndGroupSwapped: column.map { [$0] } ?? []
        default: []
        }
    }
}
