extension FamilyCSV {
    /// Checks the rows under one header. What a million-row file would otherwise repeat per row is
    /// done once: each column's place is found when the header is read (`RowsUnderHeader`), and a
    /// unit's code is read once for the rows that follow it, as a list gives a unit's families together.
    public struct RowParser: ListRowParser {
        enum Column: Int, ListColumn {
            case familyID, slsCode, headName, address, members, welfareGroup, welfareScore, kkNumber, headNIK, latitude, longitude

            var name: String { FamilyCSV.columns[rawValue] }
            static let key = familyID
            static let personalNumbers = [kkNumber, headNIK]
        }

        private var rows: RowsUnderHeader<Column>
        private var lastUnit: (text: String, code: RegionCode?)?
        /// The columns whose damage only the whole column shows, counted over the rows taken
        /// (`WholeColumnTally`): the personal numbers rounded by a spreadsheet (not the family id,
        /// whose form is BPS's and may end every id in 0), and family ids written as decimals
        /// (two are enough: no id scheme ends every id in `.0`).
        private var roundedKKNumbers = WholeColumnTally(fewest: 10), roundedHeadNIKs = WholeColumnTally(fewest: 10),
                    familyIDsAsDecimals = WholeColumnTally(fewest: 2)
        /// Personal numbers filled in wrongly as a whole: each family card number the head's NIK
        /// (the column filled from head_nik), or one number on every row (filled down, or pasted
        /// over the column). Ten or more, as for rounding: no real list has either.
        private var kkNumbersAsNIKs = WholeColumnTally(fewest: 10), oneKKNumber = WholeColumnTally(fewest: 10),
                    oneHeadNIK = WholeColumnTally(fewest: 10)
        private var firstKKNumber: String?, firstHeadNIK: String?
        /// Each score the row's welfare group (ten rows or more): the column filled from welfare_group,
        /// each unit's order then by group and family id alone.
        private var scoresAsGroups = WholeColumnTally(fewest: 10)
        /// One head's name on every row (ten or more): filled down, or pasted over the column.
        private var oneHeadName = WholeColumnTally(fewest: 10)
        private var firstHeadName: String?
        /// Columns swapped under a right header: heads' names that read as addresses (most of
        /// them, `WholeColumnTally.looksLikeAddress`); and every member count 1 to 4 with every
        /// group a whole number below 100, some above 4, each column holding more than one value
        /// (counted on every row, valid or not: the rows whose group is above 4 are refused). A
        /// list whose every group is one wrong number (`9`) is no swap, whatever its members.
        private var namesAsAddresses = WholeColumnTally(fewest: 10, share: 0.8), membersAndGroupsSwapped = WholeColumnTally(fewest: 10)
        private var groupsAboveFour = 0
        /// Every group 0 to 3, some 0 (ten rows or more): the groups numbered from 0. Every group 1
        /// to 10, three values or more above 4, one of them 8 or more: deciles (one wrong value on
        /// every row, or a few, is each row's).
        private var groupsFromZero = WholeColumnTally(fewest: 10), zeroGroups = 0
        private var groupsAsDeciles = WholeColumnTally(fewest: 10), decilesAboveFour = 0, decileValuesAboveFour = Set<Int>()
        /// The scores running the other way: each group's mean score (`ScoresByGroup`).
        private var scoresByGroup = ScoresByGroup()
        /// Each unit's families sharing one score (`ScoresWithinUnits`).
        private var scoresWithinUnits = ScoresWithinUnits()
        /// Scores a spreadsheet set to Indonesian read as thousands (`ScoresReadAsThousands`), on any
        /// row whose score is a number: a row refused for another column is told of its score too.
        private var scoresReadAsThousands = ScoresReadAsThousands()
        private var membersSeen = Set<Int>(), groupsSeen = Set<Int>()
        /// The rows giving a coordinate, and those of them giving it alone (ten or more: one column's
        /// values lost as a whole, said once rather than on every row; a few, values shifted).
        private var latitudesAlone = WholeColumnTally(fewest: 10), longitudesAlone = WholeColumnTally(fewest: 10)
        /// Values in single quotes on every row (ten or more): a file written by a program told to
        /// quote with `'`, said once for the columns so quoted rather than on every value.
        private var rowsInSingleQuotes = WholeColumnTally(fewest: 10)
        private var columnsInSingleQuotes = Set<Column>()
        /// The family card numbers and heads' NIKs that may be on more than one row, for the
        /// database to tell which are (`RepeatedNumberFilter`): not refused, said with the load.
        private var kkNumbersSeen = RepeatedNumberFilter(), headNIKsSeen = RepeatedNumberFilter()

        public init(header: CSVHeader) {
            rows = RowsUnderHeader(header: header)
        }

        public var header: CSVHeader { rows.header }

        /// Checks one row; returns the family, or every problem of the row.
        public mutating func parse(_ record: CSVReader.Record) -> Result<PreliminaryFamily, ImportProblems> {
            var problems = ImportProblems()
            if let refusal = fieldCountRefusal(record) { return .failure(refusal) }
            rows.read(record)
            let places = rows.places
            func text(_ column: Column) -> String { places.text(column, in: record) }
            func field(_ column: Column, required: Bool = true) -> String? {
                let value = text(column)
                if value.isEmpty {
                    if required {
                        problems.append(ImportProblem(line: record.line, column: column.name, problem: .empty))
                        rows.countEmpty(column)
                    }
                    return nil
                }
                return value
            }
            /// `value` as found: shown masked in a personal number's column where it holds part of one
            /// (`PersonalNumber.holdsPartOfOne`), where it may be one in a column of values
            /// (`PersonalNumber.mayBeOne`; a unit's code or a family id of as many digits is no personal
            /// data), or where the caller says so (`masked`).
            func refuse(_ column: Column, _ value: String, _ problem: ImportProblem.Kind, masked: Bool = false) {
                let mayBePersonal = column != .slsCode && column != .familyID && PersonalNumber.mayBeOne(value)
                let personalColumn = FamilyCSV.personalNumberColumns.contains(column.name) && PersonalNumber.holdsPartOfOne(value)
                let shown = masked || personalColumn || mayBePersonal ? PersonalNumber.masked(value) : value
                let inQuotes = column == .headName || column == .address ? nil : OtherQuotes.problem(of: value)
                problems.append(ImportProblem(line: record.line, column: column.name, value: shown,
                                              problem: inQuotes ?? SpreadsheetDamage.problem(of: value, otherwise: problem)))
            }

            let id = field(.familyID)
            if let id, !FamilyCSV.isFamilyID(id) {
                refuse(.familyID, id, SpreadsheetDamage.kind(of: id, isValid: FamilyCSV.isFamilyID) ?? .familyIDForm)
            }
            var unit: RegionCode?
            let slsText = text(.slsCode)
            if slsText.isEmpty {
                // Below rows that give a code: one written once for a group of rows, or in merged cells.
                problems.append(ImportProblem(line: record.line, column: Column.slsCode.name,
                                              problem: lastUnit == nil ? .empty : .emptyBelowAValue))
                rows.countEmpty(.slsCode)
            } else {
                if lastUnit?.text != slsText {
                    lastUnit = (slsText, FamilyCSV.unitCode(slsText))
                }
                unit = lastUnit?.code
                if unit == nil {
                    refuse(.slsCode, slsText, SpreadsheetDamage.kind(of: slsText) { FamilyCSV.unitCode($0) != nil }
                        ?? LetterAmongDigits.problem(in: slsText, lengths: [RegionLevel.sls.codeLength, RegionLevel.subsls.codeLength])
                        ?? RegionCode.parse(slsText).map { .placeAboveUnit($0.level) } ?? .unitCodeForm)
                }
            }
            let name = field(.headName)
            let address = text(.address)
            // Both in single quotes: the file was quoted with `'`. One alone may be a name's own
            // apostrophes (`'Ala'`), and is let be.
            let bothInSingleQuotes = name.map(OtherQuotes.isInSingleQuotes) == true && OtherQuotes.isInSingleQuotes(address)
            func textProblem(_ text: String, _ kind: ImportProblem.Kind.OneLineText) -> ImportProblem.Kind? {
                ImportProblem.Kind.oneLineTextProblem(text, in: kind) ?? (bothInSingleQuotes ? .inOtherQuotes(single: true) : nil)
            }
            if let name, name.isLonger(than: 200) { refuse(.headName, name, .longerThan(characters: 200)) }
            if let name, let problem = textProblem(name, .name) { refuse(.headName, name, problem) }
            if let name, name.utf8.first.map(SpreadsheetDamage.isDigit) == true, name.utf8.allSatisfy(SpreadsheetDamage.isDigit) {
                // Columns shifted or swapped: a NIK shown to every forum as a name. Masked in the message
                // where it holds as much of one as tells someone (`0` is shown as typed).
                refuse(.headName, name, .numberAsText(in: .name), masked: PersonalNumber.holdsPartOfOne(name))
            }
            if address.isLonger(than: 500) { refuse(.address, address, .longerThan(characters: 500)) }
            if let problem = textProblem(address, .address) { refuse(.address, address, problem) }
            if PersonalNumber.mayBeOne(address) { refuse(.address, address, .numberAsText(in: .address)) }
            // A NIK or family card number typed into the name or the address, which every page shows whole: shown masked.
            func refusePersonalNumber(within value: String, _ column: Column, _ kind: ImportProblem.Kind.OneLineText) {
                guard let masked = PersonalNumber.maskedWithin(value) else { return }
                problems.append(ImportProblem(line: record.line, column: column.name, value: masked, problem: .personalNumberInText(in: kind)))
            }
            if let name { refusePersonalNumber(within: name, .headName, .name) }
            refusePersonalNumber(within: address, .address, .address)
            var members = 0
            let membersText = field(.members)
            if let text = membersText {
                if let value = Int(text), (1...99).contains(value) {
                    members = value
                } else {
                    let isMembers = { (text: String) in Int(text).map { (1...99).contains($0) } ?? false }
                    // `4 orang`, `4 jiwa`: a count typed with its word.
                    let counted = text.split(separator: " ", maxSplits: 1).map(String.init)
                    if SpreadsheetDamage.isWholeNumberAsDecimal(text, isValid: isMembers) {
                        refuse(.members, text, .wholeNumberAsDecimal)
                    } else if counted.count == 2, isMembers(counted[0]), counted[1].allSatisfy(\.isLetter) {
                        refuse(.members, text, .numberWithWord(counted[0]))
                    } else if let plain = PlainDigits.writtenOut(text), isMembers(plain) {
                        refuse(.members, text, .notPlainCharacters(writtenOut: plain))
                    } else {
                        refuse(.members, text, .membersRange)
                    }
                }
            }
            var group: WelfareGroup?
            var groupNumber: Int?
            let groupText = field(.welfareGroup)
            if let written = groupText {
                groupNumber = Int(written)
                group = groupNumber.flatMap(WelfareGroup.init(rawValue:))
                if group == nil { refuse(.welfareGroup, written, FamilyCSV.groupProblem(written, score: text(.welfareScore))) }
                if let groupNumber {
                    groupsFromZero.count(line: record.line, showsSign: (0...3).contains(groupNumber))
                    if groupNumber == 0 { zeroGroups += 1 }
                    groupsAsDeciles.count(line: record.line, showsSign: (1...10).contains(groupNumber))
                    if (5...10).contains(groupNumber) {
                        decilesAboveFour += 1
                        decileValuesAboveFour.insert(groupNumber)
                    }
                }
            }
            let groupIsCount = groupNumber.map { (1...99).contains($0) } ?? false
            let mayBeSwapped = (1...4).contains(members) && groupIsCount
            membersAndGroupsSwapped.count(line: record.line, showsSign: mayBeSwapped)
            if mayBeSwapped, group == nil {
                groupsAboveFour += 1
                // Two values each are enough to tell, and asked only of a row refused for its group.
                if membersSeen.count < 2 { membersSeen.insert(members) }
                if groupsSeen.count < 2, let groupNumber { groupsSeen.insert(groupNumber) }
            }
            let score = field(.welfareScore)
            var scoreValue: Double?
            if let score, let problem = FamilyCSV.decimalProblem(score) {
                refuse(.welfareScore, score, FamilyCSV.scoreProblem(score) ?? problem)
            } else if let score, let value = Double(score) {
                scoreValue = value
                scoresReadAsThousands.count(line: record.line, text: score, value: value)
            }
            let kk = field(.kkNumber)
            if let kk, !PersonalNumber.isValid(kk) { refuse(.kkNumber, kk, FamilyCSV.personalNumberProblem(kk)) }
            let nik = field(.headNIK)
            if let nik, !PersonalNumber.isValid(nik) { refuse(.headNIK, nik, FamilyCSV.personalNumberProblem(nik)) }
            if let id, id == kk || id == nik {
                // Shown whole on every page and in every export as the family's id: masked here as what it is.
                refuse(.familyID, id, .familyIDIsPersonalNumber(kk: id == kk), masked: true)
            }
            let latitude = field(.latitude, required: false)
            let longitude = field(.longitude, required: false)
            let latitudes = FamilyCSV.latitudes, longitudes = FamilyCSV.longitudes
            // Both coordinates in one cell, as a map copies them: said so, and the other cell is not told to go with it.
            var bothInOneCell = false
            if let latitude, let longitude, let y = Double(latitude), let x = Double(longitude),
               FamilyCSV.decimalProblem(latitude) == nil, FamilyCSV.decimalProblem(longitude) == nil,
               longitudes.contains(y), latitudes.contains(x) {
                // Each value in the other's range: one problem, not two places outside Indonesia.
                refuse(.latitude, latitude, .coordinatesSwapped)
            } else if let latitude, let longitude, Double(latitude) == 0, Double(longitude) == 0 {
                // What a device writes when it had no position: one problem, not a longitude outside Indonesia.
                refuse(.latitude, latitude, .zeroCoordinates)
            } else {
                for (column, value, bounds) in [(Column.latitude, latitude, latitudes), (.longitude, longitude, longitudes)] {
                    guard let value else { continue }
                    if FamilyCSV.decimalProblem(value) != nil, let pair = CoordinateText.pair(value) {
                        refuse(column, value, .coordinatesInOneCell(latitude: pair.latitude, longitude: pair.longitude))
                        bothInOneCell = true
                    } else if let problem = FamilyCSV.decimalProblem(value) {
                        refuse(column, value, CoordinateText.decimalDegrees(value).map { .coordinateWrittenOtherwise(decimal: $0) } ?? problem)
                    } else if !bounds.contains(Double(value) ?? .nan) {
                        refuse(column, value, FamilyCSV.outsideProblem(value, bounds: bounds))
                    }
                }
            }
            if (latitude != nil || longitude != nil) && !bothInOneCell {
                latitudesAlone.count(line: record.line, showsSign: longitude == nil)
                longitudesAlone.count(line: record.line, showsSign: latitude == nil)
            }
            if (latitude == nil) != (longitude == nil) && !bothInOneCell {
                problems.append(ImportProblem(line: record.line, column: latitude == nil ? Column.latitude.name : Column.longitude.name,
                                              problem: .coordinatesApart))
            }
            // Asked of every row: no array of its values is built, and the set only grows where quotes are.
            var quoted = Set<Column>()
            func noteQuotes(_ column: Column, _ value: String?) {
                if let value, OtherQuotes.isInSingleQuotes(value) { quoted.insert(column) }
            }
            noteQuotes(.familyID, id); noteQuotes(.slsCode, slsText); noteQuotes(.headName, name); noteQuotes(.address, address)
            noteQuotes(.members, membersText); noteQuotes(.welfareGroup, groupText); noteQuotes(.welfareScore, score)
            noteQuotes(.kkNumber, kk); noteQuotes(.headNIK, nik); noteQuotes(.latitude, latitude); noteQuotes(.longitude, longitude)
            rowsInSingleQuotes.count(line: record.line, showsSign: !quoted.isEmpty)
            if !quoted.isEmpty { columnsInSingleQuotes.formUnion(quoted) }
            guard problems.isEmpty, let id, let unit, let name, let group, let score, let scoreValue, let kk, let nik else {
                // Most of the row empty: a total or a note under the list, or a family not filled in; one problem, not one a column.
                let filled = Column.allCases.filter { !text($0).isEmpty }.map(\.name)
                let empty = problems.shown.count { $0.problem == .empty || $0.problem == .emptyBelowAValue }
                guard empty > FamilyCSV.required.count / 2, !filled.isEmpty else {
                    return .failure(problems)
                }
                return .failure(ImportProblems([ImportProblem(line: record.line, problem: .mostlyEmpty(filled: filled))]))
            }
            roundedKKNumbers.count(line: record.line, showsSign: WholeColumnTally.looksRounded(kk))
            roundedHeadNIKs.count(line: record.line, showsSign: WholeColumnTally.looksRounded(nik))
            familyIDsAsDecimals.count(line: record.line, showsSign: WholeColumnTally.looksWrittenAsDecimal(id))
            kkNumbersAsNIKs.count(line: record.line, showsSign: kk == nik)
            scoresAsGroups.count(line: record.line, showsSign: scoreValue == Double(group.rawValue))
            namesAsAddresses.count(line: record.line, showsSign: WholeColumnTally.looksLikeAddress(name))
            if firstKKNumber == nil { (firstKKNumber, firstHeadNIK, firstHeadName) = (kk, nik, name) }
            oneHeadName.count(line: record.line, showsSign: name == firstHeadName)
            oneKKNumber.count(line: record.line, showsSign: kk == firstKKNumber)
            oneHeadNIK.count(line: record.line, showsSign: nik == firstHeadNIK)
            scoresByGroup.count(group, score: scoreValue)
            scoresWithinUnits.count(unit: slsText, score: score)
            kkNumbersSeen.note(kk)
            headNIKsSeen.note(nik)
            return .success(PreliminaryFamily(id: id, slsCode: unit, headName: name, address: address, members: members,
                                              welfareGroup: group, welfareScore: score, kkNumber: kk, headNIK: nik,
                                              latitude: latitude, longitude: longitude))
        }

        public var copyForTrial: Self {
            var copy = self
            copy.scoresReadAsThousands = ScoresReadAsThousands()
            (copy.kkNumbersSeen, copy.headNIKsSeen) = (RepeatedNumberFilter(), RepeatedNumberFilter())
            return copy
        }

        /// The family card numbers and the heads' NIKs of the rows taken that may each be on more
        /// than one row.
        public var possiblyRepeatedNumbers: PossiblyRepeatedNumbers {
            PossiblyRepeatedNumbers(kkNumbers: kkNumbersSeen.candidates, headNIKs: headNIKsSeen.candidates)
        }

        /// Each row whose score a spreadsheet read as thousands (`ScoresReadAsThousands`), in the order
        /// of the lines: the first hundred said, the rest counted.
        public func scoresReadAsThousandsProblems() -> ImportProblems {
            var found = ImportProblems()
            let readAsThousands = scoresReadAsThousands.problems
            for (line, written, meant, lowest, highest) in readAsThousands.prefix(ImportProblems.shownAtMost) {
                found.append(ImportProblem(line: line, column: Column.welfareScore.name, value: written,
                                           problem: .scoreReadAsThousands(meant: meant, lowest: lowest, highest: highest)))
            }
            found.appendCounted(readAsThousands.count - ImportProblems.shownAtMost, inColumn: Column.welfareScore.name)
            return found
        }

        /// The columns the whole-column `problems` explain (`ImportProblem.columnsExplained`); with a
        /// coordinate among two columns swapped, its partner too, told on every row that the two come apart.
        public func columnsExplained(by problems: [ImportProblem]) -> Set<String> {
            let swapped = problems.filter {
                switch $0.problem {
                case .columnNamesSwapped, .columnNamesMovedRound: true
                default: false
                }
            }
            var columns = Set(problems.flatMap(\.columnsExplained))
            if !Set(swapped.flatMap(\.columnsExplained)).isDisjoint(with: FamilyCSV.optional) { columns.formUnion(FamilyCSV.optional) }
            return columns
        }

        /// A coordinate without its partner in the whole file: the partner's column not in the
        /// header, or empty on every row that gives the other (`latitudesAlone`, `longitudesAlone`).
        private func coordinateWithoutPartner() -> ImportProblem? {
            let pairs = [(Column.longitude, Column.latitude, latitudesAlone), (.latitude, .longitude, longitudesAlone)]
            for (column, partner, givenAlone) in pairs {
                if header.positions[column.name] == nil, header.positions[partner.name] != nil {
                    return ImportProblem(line: header.line, column: column.name, problem: .coordinateColumnMissing(partner: partner.name))
                }
                if givenAlone.isDamaged, let line = givenAlone.firstLine {
                    return ImportProblem(line: line, column: column.name, problem: .coordinateColumnEmpty(partner: partner.name, rows: givenAlone.values))
                }
            }
            return nil
        }

        /// What only the whole file shows, asked once its last row is parsed: names swapped or moved round in
        /// the header (named there), a required column empty on every row (two or more), a coordinate
        /// without its partner, groups swapped with the members, numbered from 0 or given as deciles,
        /// or damaged as a whole (`WholeColumnTally`), named at its first row.
        public func wholeColumnProblems() -> [ImportProblem] {
            let headerProblems = rows.headerAndEmptyColumnProblems(required: Column.allCases.filter { FamilyCSV.required.contains($0.name) },
                                                                    fits: FamilyCSV.fits)
            let firstRowLine = rows.firstRowLine
            let damaged: [(Column, WholeColumnTally, ImportProblem.Kind)] = [
                (.familyID, familyIDsAsDecimals, .columnWrittenAsDecimals(values: familyIDsAsDecimals.values)),
                (.kkNumber, roundedKKNumbers, .roundedBySpreadsheet(numbers: roundedKKNumbers.values)),
                (.headNIK, roundedHeadNIKs, .roundedBySpreadsheet(numbers: roundedHeadNIKs.values)),
                (.kkNumber, kkNumbersAsNIKs, .kkNumbersAreNIKs(rows: kkNumbersAsNIKs.values)),
                (.welfareScore, scoresAsGroups, .scoresAreGroups(rows: scoresAsGroups.values)),
                (.kkNumber, oneKKNumber, .sameNumberOnEveryRow(rows: oneKKNumber.values)),
                (.headNIK, oneHeadNIK, .sameNumberOnEveryRow(rows: oneHeadNIK.values)),
                (.headName, namesAsAddresses, .namesReadAsAddresses(namesAsAddresses.showingSign, of: namesAsAddresses.values)),
                (.headName, oneHeadName, .sameNameOnEveryRow(rows: oneHeadName.values)),
            ]
            let membersAndGroups = membersSeen.count > 1 && groupsSeen.count > 1 && membersAndGroupsSwapped.isDamaged
                ? [ImportProblem(line: firstRowLine, column: Column.welfareGroup.name, problem: .membersAndGroupSwapped(groupsAboveFour: groupsAboveFour))] : []
            let fromZero = zeroGroups > 0 && groupsFromZero.isDamaged
                ? [ImportProblem(line: firstRowLine, column: Column.welfareGroup.name, problem: .groupsFromZero(rows: groupsFromZero.values))] : []
            // Not when the groups are the members' counts, swapped in.
            let looksLikeDeciles = decileValuesAboveFour.count >= 3 && (decileValuesAboveFour.max() ?? 0) >= 8
            let deciles = membersAndGroups.isEmpty && looksLikeDeciles && groupsAsDeciles.isDamaged
                ? [ImportProblem(line: firstRowLine, column: Column.welfareGroup.name,
                                 problem: .groupsAsDeciles(rows: groupsAsDeciles.values, aboveFour: decilesAboveFour))] : []
            let reversed = scoresByGroup.reversal.map {
                [ImportProblem(line: firstRowLine, column: Column.welfareScore.name,
                               problem: .scoresRunReversed(poorest: $0.poorest, itsMean: $0.itsMean, richest: $0.richest, theirMean: $0.theirMean))]
            } ?? []
            let oneScore = scoresWithinUnits.oneScorePerUnit.map {
                [ImportProblem(line: firstRowLine, column: Column.welfareScore.name, problem: .oneScorePerUnit(units: $0.units, rows: $0.rows))]
            } ?? []
            // A coordinate's name over another column's values leaves its partner alone on every row: the names' problem.
            let coordinatesNamedOtherwise = !Set(headerProblems.flatMap(\.columnsExplained)).isDisjoint(with: FamilyCSV.optional)
            let withoutPartner = coordinatesNamedOtherwise ? [] : [coordinateWithoutPartner()].compactMap { $0 }
            let groups = membersAndGroups + fromZero + deciles
            let inSingleQuotes = rowsInSingleQuotes.isDamaged ? [ImportProblem(
                line: rowsInSingleQuotes.firstLine ?? firstRowLine,
                problem: .valuesInSingleQuotes(rows: rowsInSingleQuotes.values,
                                               columns: Column.allCases.filter(columnsInSingleQuotes.contains).map(\.name)))] : []
            return headerProblems + inSingleQuotes + groups + reversed + oneScore + withoutPartner + damaged.compactMap { column, tally, problem in
                guard tally.isDamaged, let line = tally.firstLine else { return nil }
                return ImportProblem(line: line, column: column.name, problem: problem)
            }
        }
    }
}
