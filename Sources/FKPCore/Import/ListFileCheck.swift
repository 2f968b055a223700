/// A list file's own check, fed its bytes in pieces of any size: its header, each row, and what
/// only the whole file shows, before anything is asked of the database. A row is handed over, to be
/// loaded, while the file has shown no problem; `finish` gives every problem, in the order a person
/// should read them. No database and no I/O, so that the reading of any bytes at all can be tried
/// without one (`scripts/fuzz list-file`).
public struct ListFileCheck: Sendable {
    /// A row that passed its checks, with the line it starts on.
    public enum Row: Sendable {
        case family(line: Int, PreliminaryFamily)
        case region(line: Int, Region)
    }

    public let kind: ListKind
    private var reader = CSVReader()
    /// Where the reader stopped: the file is not read on after it.
    private var failure: CSVReader.Failure?
    /// The rows under the header, good or not.
    public private(set) var rows = 0
    private var header: CSVHeader?
    private var familyRows: FamilyCSV.RowParser?
    private var regionRows: RegionCSV.RowParser?
    private var optionalColumnsInNoRow: OptionalColumnsInNoRow?
    private var mostlyEmptyRows = MostlyEmptyRows()
    private var headerRead = false
    private var headerLine = 1
    /// Records looked at for a header below a refused first line (a sheet's title above its header).
    private var lookedBelowHeader = 0
    private var problems = ImportProblems()
    /// A row short of fields, reported once the next record tells whether it goes on there (`ShortRow`).
    private var heldShortRow: ShortRow?
    /// The other list's header below this one's, and the refused rows after it: one problem, not one a row.
    private var otherListJoined: (line: Int, rows: Int)?
    /// A families list's units, each taken once from a run of its rows (a list gives a unit's families
    /// together); a regions list's regencies (a province's own code for a province row).
    private var units = Set<String>(), lastUnit = "", regionsRegencies = Set<Substring>()

    public init(_ kind: ListKind) { self.kind = kind }

    /// The regencies the rows lie in, in code order.
    public var regencies: [String] {
        (kind == .families ? Set(units.map { $0.prefix(4) }) : regionsRegencies).map(String.init).sorted()
    }

    /// A families list's units, in code order (nil for a regions list).
    public var familyUnits: [String]? { kind == .families ? units.sorted() : nil }

    /// The personal numbers that may be on more than one of a families list's rows.
    public var possiblyRepeatedNumbers: PossiblyRepeatedNumbers? { familyRows?.possiblyRepeatedNumbers }

    /// Whether reading stopped at a failure of the file (broken quoting, another kind of file): the
    /// bytes after it need not be fed.
    public var stoppedReading: Bool { failure != nil }

    /// Reads the next bytes of the file, handing each row to `load` (see `take`).
    public mutating func feed(_ bytes: [UInt8], load: (Row) -> Void) {
        guard failure == nil else { return }
        for record in reader.feed(bytes) {
            if let row = take(record) { load(row) }
        }
        failure = reader.failure
    }

    /// The header's name for column `number` (from 1), or `#number` where there is none.
    private func columnName(_ number: Int) -> String {
        header.flatMap { h in h.positions.first { $0.value == number - 1 }?.key } ?? "#\(number)"
    }

    /// Reports the row short of fields held so far, if any: the record after it did not go on with it.
    private mutating func releaseHeldShortRow(endingTheFile: Bool = false) {
        if let held = heldShortRow { problems.append(held.problem(endingTheFile: endingTheFile)) }
        heldShortRow = nil
    }

    /// Checks a record; returns its row when it passed and the file has shown no problem so far.
    private mutating func take(_ record: CSVReader.Record) -> Row? {
        guard record.unreadableFields.isEmpty else {
            releaseHeldShortRow()
            // Named for the header, or for a row under a header that was read (see below). The
            // record's other fields are checked once these can be read: they may be garbled too.
            if !headerRead || header != nil {
                for field in record.unreadableFields {
                    let column = columnName(field.column)
                    // Shown, to find the row by, unless it is a personal number (garbled, yet maybe partly readable).
                    let value = FamilyCSV.personalNumberColumns.contains(column) ? nil : field.asWindowsText
                    problems.append(ImportProblem(line: record.line, column: column, value: value, problem: field.problem))
                }
            }
            if header != nil {
                rows += 1
                optionalColumnsInNoRow?.count(record)
            }
            headerRead = true
            return nil
        }
        guard headerRead else {
            readHeader(record)
            return nil
        }
        // Rows under a header that could not be read cannot be read either: the header's problems are the
        // report. But a header a few lines down (a title above it, as a sheet's first rows) is named where it is,
        // as the report's one problem, rather than the title's many.
        guard let header else {
            if lookedBelowHeader < 5 {
                lookedBelowHeader += 1
                if (try? kind.header(record)) != nil {
                    problems = ImportProblems([ImportProblem(line: 1, problem: .headerNotFirst(headerLine: record.line))])
                    lookedBelowHeader = .max
                }
            }
            return nil
        }
        rows += 1
        optionalColumnsInNoRow?.count(record)
        switch kind {
        case .families:
            switch familyRows!.parse(record) {  // made with the header, which was read
            case .success(let family):
                if family.slsCode.value != lastUnit {
                    lastUnit = family.slsCode.value
                    units.insert(lastUnit)
                }
                return passed(.family(line: record.line, family))
            case .failure(let refused): noteRefused(record, refused, under: header)
            }
        case .regions:
            switch regionRows!.parse(record) {  // made with the header, which was read
            case .success(let region):
                regionsRegencies.insert(region.code.value.prefix(4))
                return passed(.region(line: record.line, region))
            case .failure(let refused): noteRefused(record, refused, under: header)
            }
        }
        return nil
    }

    /// A row that passed: it does not go on with a row held as short of fields, which is reported.
    private mutating func passed(_ row: Row) -> Row? {
        releaseHeldShortRow()
        return problems.isEmpty ? row : nil
    }

    /// The first record: the header, a `sep=` line above it, or what the file is instead.
    private mutating func readHeader(_ record: CSVReader.Record) {
        if let separator = CSVHeader.separatorHint(in: record) {
            // `sep=,` agrees with the format and is passed over; another separator is the header's problem.
            guard separator != "," else { return }
            problems.append(ImportProblem(line: record.line, problem: .headerSeparatedBy(separator)))
            headerRead = true
            return
        }
        headerRead = true
        headerLine = record.line
        do {
            let read = try kind.header(record)
            header = read
            optionalColumnsInNoRow = OptionalColumnsInNoRow(header: read)
            switch kind {
            case .families: familyRows = FamilyCSV.RowParser(header: read)
            case .regions: regionRows = RegionCSV.RowParser(header: read)
            }
        } catch {
            // The other list's header (a file given to the wrong form or command): said so, once.
            if kind.otherListsHeader(record) {
                problems.append(ImportProblem(line: record.line, problem: kind == .regions ? .familiesListAsRegions : .regionsListAsFamilies))
            } else if let export = ServerExportKind(header: record) {
                problems.append(ImportProblem(line: record.line, problem: .exportOfThisServer(export)))
            } else if CSVHeader.splitsCodesByLevel(record, wholeCode: kind == .families ? "sls_code" : "code") {
                problems.append(ImportProblem(line: record.line, problem: .codesSplitByLevel(inFamilies: kind == .families)))
            } else if let missing = kind.headerMissing(above: record) {
                problems.append(ImportProblem(line: record.line, problem: .headerMissing(header: missing)))
            } else {
                problems.append(contentsOf: error)
            }
        }
    }

    /// A row refused: its problems, or what the refusal shows it to be (a row split in two, the
    /// header again, the other list joined on).
    private mutating func noteRefused(_ record: CSVReader.Record, _ refused: ImportProblems, under header: CSVHeader) {
        // The other list's header (of a length of its own: asked before a short row is held), and the rows under it.
        if otherListJoined != nil {
            otherListJoined?.rows += 1
            return
        }
        if kind.otherListsHeader(record) {
            releaseHeldShortRow()
            otherListJoined = (record.line, 0)
            return
        }
        // A row short of fields goes on with the one held before it, or is held in turn.
        let shortRow = ShortRow(refusal: refused)
        if let held = heldShortRow, let shortRow, held.isContinued(by: shortRow) {
            heldShortRow = nil
            problems.append(held.split(continuedBy: shortRow))
            return
        }
        releaseHeldShortRow()
        if let shortRow {
            heldShortRow = shortRow
            return
        }
        // Asked only of a refused row, so that a valid one costs nothing more: the header's names
        // again (two lists joined into one file) are one problem, not a wrong value per column.
        if header.isRepeated(by: record) {
            problems.append(ImportProblem(line: record.line, problem: .headerRepeated))
        } else if header.isRepeatedInOtherWords(by: record) {
            problems.append(ImportProblem(line: record.line, problem: .headerRepeatedInOtherWords))
        } else if CSVHeader.numbersTheColumns(record) {
            problems.append(ImportProblem(line: record.line, problem: .columnNumbersRow))
        } else if optionalColumnsInNoRow?.keep(refused) != true, !mostlyEmptyRows.keep(refused) {
            problems.append(contentsOf: refused)
        }
    }

    /// Every problem of the file, once all its bytes are fed (or reading stopped), handing the rows
    /// of its last line to `load`.
    public mutating func finish(load: (Row) -> Void) -> ImportProblems {
        if failure == nil {
            do {
                for record in try reader.finish() {
                    if let row = take(record) { load(row) }
                }
            } catch {
                failure = error
            }
        }
        if let failure {
            releaseHeldShortRow()
            // Below a header that could not be read, as its rows are (see `take`): the header's problems are the report.
            if !(headerRead && header == nil && !problems.isEmpty) {
                problems.append(ImportProblem(line: failure.line, column: failure.column.map(columnName), problem: failure.problem))
            }
        } else {
            // The last record, short: its line ended the file, or the file ended in it.
            releaseHeldShortRow(endingTheFile: reader.endsWithoutLineBreak)
        }
        if header == nil && problems.isEmpty {
            problems.append(ImportProblem(line: 1, problem: .emptyFile))
        } else if header != nil && rows == 0 && problems.isEmpty {
            problems.append(ImportProblem(line: headerLine, problem: .noRowsUnderHeader))
        }
        if let otherListJoined {
            let joined = ImportProblem(line: otherListJoined.line, problem: .otherListJoined(regions: kind == .families, rows: otherListJoined.rows))
            problems = problems.mergedByLine(with: ImportProblems([joined]))
        }
        if let familyRows {
            // Found once the whole file is read, as each row's own.
            problems = problems.mergedByLine(with: familyRows.scoresReadAsThousandsProblems())
        }
        let rowParser: (any ListRowParser)? = familyRows.map { $0 } ?? regionRows
        var wholeFile = rowParser?.wholeColumnProblems() ?? []
        if let rowParser, !wholeFile.isEmpty {
            // The rows' problems in the columns these explain whole are theirs, said once.
            rowParser.columnsExplained(by: wholeFile).forEach { problems.removeAll(inColumn: $0) }
        }
        // Rows mostly empty only in the columns empty on every row are those columns' problem (only a
        // families row is refused as mostly empty: a regions row has too few columns to be).
        let emptyEverywhere = Set(wholeFile.filter { if case .columnEmpty = $0.problem { true } else { false } }.compactMap(\.column))
        problems = problems.mergedByLine(with: mostlyEmptyRows.problems(emptyEverywhere: emptyEverywhere, required: FamilyCSV.required))
        if let optionalColumnsInNoRow {
            // One problem for the header, or each row's own among the others.
            if let noRow = optionalColumnsInNoRow.problem {
                wholeFile.insert(noRow, at: 0)
            } else {
                problems = problems.mergedByLine(with: optionalColumnsInNoRow.rowsLeavingThemOut)
            }
        }
        guard !wholeFile.isEmpty else { return problems }
        // First: what the whole file shows (a column rounded as a whole, names moved round in the
        // header) is the list's real problem, whatever its rows show, and is easily lost after a hundred of them.
        var first = ImportProblems(wholeFile)
        first.append(contentsOf: problems)
        return first
    }
}
