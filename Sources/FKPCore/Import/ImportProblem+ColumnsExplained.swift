extension ImportProblem {
    /// The columns this whole-column problem explains every row's problem in: the columns of names
    /// swapped or moved round, the column of one empty on every row, written in other words on every
    /// row, or swapped with another under a right header, the groups numbered from 0 or given as
    /// deciles, and a coordinate's column without its partner.
    public var columnsExplained: [String] {
        switch problem {
        case .columnNamesSwapped(let one, let other): [one, other]
        case .columnNamesMovedRound(let under, _): under
        case .valuesInSingleQuotes(_, let columns): columns
        case .columnEmpty, .membersAndGroupSwapped, .groupsFromZero, .groupsAsDeciles, .valuesInOtherWords, .coordinateColumnMissing,
             .coordinateColumnEmpty:
            column.map { [$0] } ?? []
        default: []
        }
    }
}
