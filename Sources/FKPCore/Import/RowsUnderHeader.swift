/// A list's columns, in the order a row parser checks them, each named as the format names it.
protocol ListColumn: RawRepresentable<Int>, CaseIterable, Sendable {
    var name: String { get }
    /// The column that holds one value per row of the list, never repeated.
    static var key: Self { get }
    /// The columns of personal numbers, whose 16 digits the key's form also keeps.
    static var personalNumbers: [Self] { get }
}

/// What a row parser keeps of the rows under one header, the same for both lists: each column's
/// place in a row (found once: looking the names up per field cost a twentieth of an import), the
/// rows read with the header's count of fields and the first one's line, how many of them leave
/// each column empty, and the first rows' values (names swapped or moved round in the header).
struct RowsUnderHeader<Column: ListColumn>: Sendable {
    /// Each column's place in a row, in the order of `Column` (nil: a column the file lacks).
    struct Places: Sendable {
        fileprivate let places: [Int?]

        /// A column's value in `record` (a row of the header's count of fields), trimmed; empty where the file lacks the column.
        func text(_ column: Column, in record: CSVReader.Record) -> String {
            places[column.rawValue].map { record.fields[$0].trimmingWhitespace } ?? ""
        }
    }

    let header: CSVHeader
    /// Taken once a row by a parser that reads many fields: read through the whole of this struct
    /// per field, it cost 4% of an import (each of its arrays retained and released).
    let places: Places
    private(set) var rowsRead = 0, firstRowLine: Int?
    private var emptyCounts = [Int](repeating: 0, count: Column.allCases.count)
    /// The columns the header has, and the first rows' values in them.
    private let columnsInHeader: [Column]
    private var swappedColumns: SwappedColumns

    init(header: CSVHeader) {
        self.header = header
        places = Places(places: Column.allCases.map { header.positions[$0.name] })
        columnsInHeader = Column.allCases.filter { header.positions[$0.name] != nil }
        swappedColumns = SwappedColumns(names: columnsInHeader.map(\.name), key: Column.key.name,
                                        personalNumbers: Set(Column.personalNumbers.map(\.name)))
    }

    /// Counts a row of the header's count of fields, and keeps its values while sampling.
    mutating func read(_ record: CSVReader.Record) {
        rowsRead += 1
        if firstRowLine == nil { firstRowLine = record.line }
        if swappedColumns.isSampling { swappedColumns.sample(columnsInHeader.map { places.text($0, in: record) }) }
    }

    mutating func countEmpty(_ column: Column) {
        emptyCounts[column.rawValue] += 1
    }

    /// Names swapped or moved round in the header (named there; `fits`, the list's rule of a
    /// column), and the `required` columns empty on every row (two or more; not among those
    /// names), named at the first row.
    func headerAndEmptyColumnProblems(required: [Column], fits: (String, String) -> Bool) -> [ImportProblem] {
        let named = swappedColumns.problems(line: header.line, fits: fits)
        let moved = Set(named.flatMap(\.columnsExplained))
        let empty = rowsRead < 2 ? [] : required.filter { emptyCounts[$0.rawValue] == rowsRead && !moved.contains($0.name) }.map {
            ImportProblem(line: firstRowLine, column: $0.name, problem: .columnEmpty(rows: rowsRead))
        }
        return named + empty
    }
}
