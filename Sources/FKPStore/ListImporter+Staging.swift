import Crypto
import FKPCore
import NIOCore
import PostgresNIO

extension ListImporter {
    /// Reads the file into the staging table (COPY), checking each row as it streams in: every
    /// problem of the file's own, line by line, before anything is asked of the database.
    func stage<Chunks: AsyncSequence & Sendable>(_ kind: Kind, chunks: Chunks, on connection: PostgresConnection,
                                                         progress: (@Sendable (Stage) -> Void)?) async throws -> StagedFile
    where Chunks.Element == [UInt8] {
        let logger = database.logger
        switch kind {
        case .families:
            try await connection.query("""
                CREATE TEMP TABLE import_staging (line int NOT NULL, id text NOT NULL, sls_code text NOT NULL, head_name text NOT NULL,
                    address text NOT NULL, members int NOT NULL, welfare_group smallint NOT NULL, welfare_score numeric NOT NULL,
                    kk_number text NOT NULL, head_nik text NOT NULL, latitude numeric, longitude numeric) ON COMMIT DROP
                """, logger: logger)
        case .regions:
            try await connection.query("""
                CREATE TEMP TABLE import_staging (line int NOT NULL, code text NOT NULL, name text NOT NULL, level text NOT NULL,
                    non_sls boolean NOT NULL) ON COMMIT DROP
                """, logger: logger)
        }
        var reader = CSVReader()
        var header: CSVHeader?
        var familyRows: FamilyCSV.RowParser?
        var regionRows: RegionCSV.RowParser?
        var optionalColumnsInNoRow: OptionalColumnsInNoRow?
        var mostlyEmptyRows = MostlyEmptyRows()
        var headerRead = false
        var headerLine = 1
        /// Records looked at for a header below a refused first line (a sheet's title above its header).
        var lookedBelowHeader = 0
        var problems = ImportProblems()
        /// A row short of fields, reported once the next record tells whether it goes on there (`ShortRow`).
        var heldShortRow: ShortRow?
        /// The other list's header below this one's, and the refused rows after it: one problem, not one a row.
        var otherListJoined: (line: Int, rows: Int)?
        var hasher = SHA256()
        var rows = 0
        /// A families list's units, each taken once from a run of its rows (a list gives a unit's families
        /// together); a regions list's regencies (a province's own code for a province row).
        var units = Set<String>(), lastUnit = "", regionsRegencies = Set<Substring>()
        var bytesRead = 0
        let flushAt = 1 << 16
        var buffer = ByteBufferAllocator().buffer(capacity: flushAt + 4096)
        /// The header's name for column `number` (from 1), or `#number` where there is none.
        func columnName(_ number: Int) -> String {
            header.flatMap { h in h.positions.first { $0.value == number - 1 }?.key } ?? "#\(number)"
        }
        /// Reports the row short of fields held so far, if any: the record after it did not go on with it.
        func releaseHeldShortRow(endingTheFile: Bool = false) {
            if let held = heldShortRow { problems.append(held.problem(endingTheFile: endingTheFile)) }
            heldShortRow = nil
        }
        /// Checks a record; a row is written for COPY while the file has shown no problem.
        func take(_ record: CSVReader.Record) {
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
                return
            }
            guard headerRead else {
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
                    header = try kind.header(record)
                    optionalColumnsInNoRow = header.map(OptionalColumnsInNoRow.init)
                    switch kind {
                    case .families: familyRows = header.map(FamilyCSV.RowParser.init)
                    case .regions: regionRows = header.map(RegionCSV.RowParser.init)
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
                return
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
                return
            }
            rows += 1
            optionalColumnsInNoRow?.count(record)
            var refused: ImportProblems?
            switch kind {
            case .families:
                switch familyRows!.parse(record) {  // made with the header, which was read
                case .success(let f):
                    if f.slsCode.value != lastUnit {
                        lastUnit = f.slsCode.value
                        units.insert(lastUnit)
                    }
                    if problems.isEmpty {
                        CopyText.append([String(record.line), f.id, f.slsCode.value, f.headName, f.address, String(f.members),
                                         String(f.welfareGroup.rawValue), f.welfareScore, f.kkNumber, f.headNIK, f.latitude, f.longitude],
                                        to: &buffer)
                    }
                case .failure(let found): refused = found
                }
            case .regions:
                switch regionRows!.parse(record) {  // made with the header, which was read
                case .success(let r):
                    regionsRegencies.insert(r.code.value.prefix(4))
                    if problems.isEmpty {
                        CopyText.append([String(record.line), r.code.value, r.name, r.level.rawValue, r.isNonSLS ? "t" : "f"], to: &buffer)
                    }
                case .failure(let found): refused = found
                }
            }
            // The other list's header (of a length of its own: asked before a short row is held), and the rows under it.
            if refused != nil, otherListJoined != nil {
                otherListJoined?.rows += 1
                return
            }
            if refused != nil, kind.otherListsHeader(record) {
                releaseHeldShortRow()
                otherListJoined = (record.line, 0)
                return
            }
            // A row short of fields goes on with the one held before it, or is held in turn.
            let shortRow = refused.flatMap(ShortRow.init(refusal:))
            if let held = heldShortRow, let shortRow, held.isContinued(by: shortRow) {
                heldShortRow = nil
                problems.append(held.split(continuedBy: shortRow))
                return
            }
            releaseHeldShortRow()
            guard let refused else { return }
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
        try await connection.copyFrom(table: "import_staging", logger: logger) { writer in
            do {
                for try await chunk in chunks {
                    hasher.update(data: chunk)
                    bytesRead += chunk.count
                    for record in reader.feed(chunk) { take(record) }
                    if let failure = reader.failure { throw failure }
                    if buffer.readableBytes > flushAt {
                        try await writer.write(buffer)
                        buffer = ByteBufferAllocator().buffer(capacity: flushAt + 4096)
                    }
                    progress?(.reading(rows: rows, bytes: bytesRead))
                }
                try reader.finish().forEach(take)
                // The last record, short: its line ended the file, or the file ended in it.
                releaseHeldShortRow(endingTheFile: reader.endsWithoutLineBreak)
            } catch let failure as CSVReader.Failure {
                releaseHeldShortRow()
                // Below a header that could not be read, as its rows are (see `take`): the header's problems are the report.
                if !(headerRead && header == nil && !problems.isEmpty) {
                    problems.append(ImportProblem(line: failure.line, column: failure.column.map(columnName), problem: failure.problem))
                }
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
            if !wholeFile.isEmpty {
                // First: what the whole file shows (a column rounded as a whole, names moved round in the
                // header) is the list's real problem, whatever its rows show, and is easily lost after a hundred of them.
                var first = ImportProblems(wholeFile)
                first.append(contentsOf: problems)
                problems = first
            }
            if !problems.isEmpty { throw problems }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
        let regencies = kind == .families ? Set(units.map { $0.prefix(4) }) : regionsRegencies
        return StagedFile(rows: rows, sha256: AuditHashing.hex(hasher.finalize()), regencies: regencies.map(String.init).sorted(),
                          units: kind == .families ? units.sorted() : nil, possiblyRepeated: familyRows?.possiblyRepeatedNumbers)
    }
}
