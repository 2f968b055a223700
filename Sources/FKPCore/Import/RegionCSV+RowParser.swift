extension RegionCSV {
    /// Checks the rows under one header, and what only the whole file shows: a required column
    /// empty on every row, or names swapped or moved round in the header (`wholeColumnProblems`).
    public struct RowParser: ListRowParser {
        enum Column: Int, ListColumn {
            case code, name, level, nonSLS

            var name: String { RegionCSV.columns[rawValue] }
            static let key = code
            static let personalNumbers: [Self] = []
        }

        private var rows: RowsUnderHeader<Column>
        /// Levels, and yes or no, written in other words on every row (`ValuesInOtherWords`).
        private var levelsInOtherWords = ValuesInOtherWords(), nonSLSInOtherWords = ValuesInOtherWords()
        /// One name on every row, for places of more than one level: the column filled down or pasted
        /// over (loaded, it would give every place that one name). Units alone may share a name (`Pondok Pesantren`).
        private var oneName = WholeColumnTally(fewest: 10)
        private var firstName: String?, firstLevel: RegionLevel?, severalLevels = false

        public init(header: CSVHeader) {
            rows = RowsUnderHeader(header: header)
        }

        public var header: CSVHeader { rows.header }

        /// Checks one row; returns the place, or every problem of the row.
        public mutating func parse(_ record: CSVReader.Record) -> Result<Region, ImportProblems> {
            var problems = ImportProblems()
            if let refusal = fieldCountRefusal(record) { return .failure(refusal) }
            rows.read(record)
            let places = rows.places
            func text(_ column: Column) -> String { places.text(column, in: record) }
            /// `value` as found; masked outside the code's column where it may be a personal number
            /// (`PersonalNumber.mayBeOne`: a families list's columns in a regions file).
            func refuse(_ column: Column, _ value: String?, _ problem: ImportProblem.Kind) {
                if value == nil, problem == .empty { rows.countEmpty(column) }
                let shown = value.map { column != .code && PersonalNumber.mayBeOne($0) ? PersonalNumber.masked($0) : $0 }
                let inQuotes = column == .name ? nil : value.flatMap(OtherQuotes.problem(of:))
                problems.append(ImportProblem(line: record.line, column: column.name, value: shown,
                                              problem: inQuotes ?? value.map { SpreadsheetDamage.problem(of: $0, otherwise: problem) } ?? problem))
            }
            let code = text(.code)
            let name = text(.name)
            // Read in either case; a problem shows the value as written.
            let levelText = text(.level)
            let nonSLSText = text(.nonSLS)
            let level = RegionLevel(rawValue: levelText.lowercased())
            let levelInOtherWords = level == nil ? RegionLevel(name: levelText) : nil
            levelsInOtherWords.count(written: levelText, meant: levelInOtherWords?.rawValue)
            if levelText.isEmpty {
                refuse(.level, nil, .empty)
            } else if level == nil {
                // `Non-SLS`: a kind of unit, which the format marks in its own column.
                let isNonSLS = levelText.lowercased().filter(\.isLetter) == "nonsls"
                // Otherwise the level the code's length gives, where the code is one (`5`, a name, in the level's column).
                let codeSays = RegionCode.parse(code)?.level
                let named: ImportProblem.Kind? = levelInOtherWords.map { named in
                    guard let codeSays, codeSays != named else { return .levelNamedOtherwise(named) }
                    return .levelNamedOtherwiseCodeSays(named: named, codeSays: codeSays)
                }
                refuse(.level, levelText, named ?? (isNonSLS ? .nonSLSAsLevel : codeSays.map { .notALevelCodeSays($0) } ?? .notALevel))
            }
            var parsed: RegionCode?
            if code.isEmpty {
                refuse(.code, nil, .empty)
            } else {
                do { parsed = try RegionCode(code) } catch {
                    let spreadsheet = SpreadsheetDamage.kind(of: code) { RegionCode.parse($0) != nil }
                    let letter = LetterAmongDigits.problem(in: code, lengths: Set(RegionLevel.allCases.map(\.codeLength)))
                    refuse(.code, code, spreadsheet ?? letter ?? .regionCode(error))
                }
            }
            if let parsed, let level, parsed.level != level {
                refuse(.code, code, .codeLengthForLevel(level, found: code.count))
            }
            if name.isEmpty { refuse(.name, nil, .empty) }
            if name.isLonger(than: 200) { refuse(.name, name, .longerThan(characters: 200)) }
            if let problem = ImportProblem.Kind.oneLineTextProblem(name, in: .name) { refuse(.name, name, problem) }
            if name.utf8.first.map(SpreadsheetDamage.isDigit) == true, name.utf8.allSatisfy(SpreadsheetDamage.isDigit), name == code || name.utf8.count >= 7 {
                // The place's code, or another's, as its name: columns shifted or filled from the code's.
                // (A unit's name may be a number, `001`; not one of a code's length.)
                refuse(.name, name, .numberAsText(in: .name))
            }
            var nonSLS = false
            let nonSLSWord = nonSLSText.lowercased()
            switch nonSLSWord {
            case "": nonSLS = false
            case "false", "true":
                nonSLS = nonSLSWord == "true"
                nonSLSInOtherWords.count(written: nonSLSText, meant: nil)
            default:
                let meant = RegionCSV.yesOrNo[nonSLSWord]
                nonSLSInOtherWords.count(written: nonSLSText, meant: meant.map { $0 ? "true" : "false" })
                refuse(.nonSLS, nonSLSText, meant.map { .trueOrFalseInOtherWords($0) } ?? .notTrueOrFalse)
            }
            if nonSLS, let level, !level.holdsFamilies {
                refuse(.nonSLS, nonSLSText, .nonSLSAboveUnits)
            }
            guard problems.isEmpty, let parsed else { return .failure(problems) }
            if firstName == nil { (firstName, firstLevel) = (name, parsed.level) }
            oneName.count(line: record.line, showsSign: name == firstName)
            if parsed.level != firstLevel { severalLevels = true }
            return .success(Region(code: parsed, name: name, isNonSLS: nonSLS))
        }

        /// Nothing it keeps grows with the rows: a copy as it is.
        public var copyForTrial: Self { self }

        /// What only the whole file shows, asked once its last row is parsed: names swapped or moved
        /// round in the header (named there), a required column empty on every row (two or more), or
        /// one written in other words on every row, or one place's name on every row, named at the first row.
        public func wholeColumnProblems() -> [ImportProblem] {
            let headerProblems = rows.headerAndEmptyColumnProblems(required: Column.allCases.filter { RegionCSV.required.contains($0.name) },
                                                                   fits: RegionCSV.fits)
            let moved = Set(headerProblems.flatMap(\.columnsExplained))
            let inOtherWords = [(Column.level, levelsInOtherWords), (.nonSLS, nonSLSInOtherWords)].compactMap { column, words in
                moved.contains(column.name) ? nil : words.problem(line: rows.firstRowLine, column: column.name)
            }
            let sameName = oneName.isDamaged && severalLevels && !moved.contains(Column.name.name)
                ? [ImportProblem(line: oneName.firstLine, column: Column.name.name, problem: .samePlaceNameOnEveryRow(rows: oneName.values))] : []
            return headerProblems + inOtherWords + sameName
        }

        public func columnsExplained(by problems: [ImportProblem]) -> Set<String> {
            Set(problems.flatMap(\.columnsExplained))
        }
    }
}
