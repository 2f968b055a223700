/// Names in the header over other columns' values: two names swapped, or three or more moved round
/// (a header typed in the format's order above values exported in another). On most rows of a
/// sample (the first hundred), each such column's values fail its own name's rule (or, under the
/// list's key, repeat, or keep a personal number's rule: a unit's code or a family card number
/// under family_id keeps an id's form) and keep the rule of another such column's name. Said once,
/// for the header, instead of a problem in each column on every row. Values that keep two names'
/// rules (a NIK and a family card number) can leave more than one way to read the header; then
/// none is told.
struct SwappedColumns: Sendable {
    static let sampledRows = 100
    /// Fewer rows than this could swap by chance.
    static let fewestRows = 3
    /// The ways to read a header tried at most (eleven columns could otherwise be millions).
    static let mostTries = 10_000

    /// The header's names, in the order of each sampled row's values.
    let names: [String]
    /// The name of the column that holds one value per row of the list (`family_id`, `code`).
    let key: String
    /// The names of the columns of personal numbers (`kk_number`, `head_nik`; none in a regions list).
    let personalNumbers: Set<String>
    private(set) var rows: [[String]] = []

    init(names: [String], key: String, personalNumbers: Set<String>) {
        self.names = names
        self.key = key
        self.personalNumbers = personalNumbers
    }

    var isSampling: Bool { rows.count < Self.sampledRows }

    /// One row's values, in the order of `names`, trimmed.
    mutating func sample(_ values: [String]) {
        if isSampling { rows.append(values) }
    }

    /// The names moved round, each cycle as the names in the header, each paired with the name
    /// whose values stand under it: `[(under: "code", valuesOf: "name"), (under: "name", valuesOf: "code")]`
    /// for two swapped. Cycles begin with their first name in `names`' order and come in that order.
    /// `fits` is a value's fit with a column's rule (`FamilyCSV.fits`).
    func cycles(fits: (String, String) -> Bool) -> [[(under: String, valuesOf: String)]] {
        guard rows.count >= Self.fewestRows else { return [] }
        func share(_ column: Int, fitting name: String) -> Double {
            Double(rows.count { fits($0[column], name) }) / Double(rows.count)
        }
        var misnamed = Set(names.indices.filter { share($0, fitting: names[$0]) <= 0.2 || (names[$0] == key && repeats($0)) })
        // An id's form keeps a family card number's too: the key is misnamed also when its values
        // keep a personal number's rule, and that column's own values fail it and keep the key's.
        if let keyColumn = names.firstIndex(of: key), !misnamed.contains(keyColumn),
           misnamed.contains(where: { personalNumbers.contains(names[$0]) && share(keyColumn, fitting: names[$0]) >= 0.8 && share($0, fitting: key) >= 0.8 }) {
            misnamed.insert(keyColumn)
        }
        var whoseValues: [Int: [Int]] = [:]
        // Columns whose values keep no other misnamed column's name, or under whose name no other's
        // values stand, are no part of a cycle: left out until none is left to leave out.
        while true {
            whoseValues = Dictionary(uniqueKeysWithValues: misnamed.map { column in
                (column, misnamed.filter { $0 != column && share(column, fitting: names[$0]) >= 0.8 }.sorted())
            })
            let standing = Set(whoseValues.values.joined())
            let outside = misnamed.filter { whoseValues[$0]!.isEmpty || !standing.contains($0) }
            if outside.isEmpty { break }
            misnamed.subtract(outside)
        }
        guard misnamed.count >= 2 else { return [] }
        // Every way to give each column the name its values have, each name once: exactly one is told.
        // The ways tried are bounded (a file can make many columns keep many names' rules and none
        // fit together), and past the bound none is told.
        let columns = misnamed.sorted()
        var readings: [[Int: Int]] = []
        var reading: [Int: Int] = [:]
        var tries = 0
        func read(_ next: Int) {
            tries += 1
            guard readings.count < 2, tries <= Self.mostTries else { return }
            guard next < columns.count else { return readings.append(reading) }
            let column = columns[next]
            for name in whoseValues[column]! where !reading.values.contains(name) {
                reading[column] = name
                read(next + 1)
                reading[column] = nil
            }
        }
        read(0)
        guard readings.count == 1, tries <= Self.mostTries, let only = readings.first else { return [] }
        var cycles: [[(under: String, valuesOf: String)]] = []
        var told = Set<Int>()
        for start in columns where !told.contains(start) {
            var cycle: [(under: String, valuesOf: String)] = []
            var column = start
            repeat {
                told.insert(column)
                cycle.append((names[column], names[only[column]!]))
                column = only[column]!
            } while column != start
            cycles.append(cycle)
        }
        return cycles
    }

    /// Whether most of a column's sampled values stand on another sampled row too.
    private func repeats(_ column: Int) -> Bool {
        let counts = Dictionary(rows.lazy.map { ($0[column], 1) }, uniquingKeysWith: +)
        return rows.count { !$0[column].isEmpty && counts[$0[column]]! > 1 } * 2 > rows.count
    }
}

extension SwappedColumns {
    /// The header's problems, one a cycle, named at the header's `line` and at the cycle's first column.
    func problems(line: Int, fits: (String, String) -> Bool) -> [ImportProblem] {
        cycles(fits: fits).map { cycle in
            ImportProblem(line: line, column: cycle[0].under,
                          problem: cycle.count == 2 ? .columnNamesSwapped(cycle[0].under, cycle[0].valuesOf)
                                                    : .columnNamesMovedRound(under: cycle.map(\.under), valuesOf: cycle.map(\.valuesOf)))
        }
    }
}
