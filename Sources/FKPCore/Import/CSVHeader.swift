/// The header row of an input file: column names fixed, order free, unknown columns refused.
public struct CSVHeader: Sendable {
    public let positions: [String: Int]
    public let count: Int
    /// The header's line in the file (a `sep=` line may come first).
    public let line: Int
    /// The optional columns the header ends with, in its order: what a row may leave out at its end
    /// (see `fieldCountProblem`).
    let optionalAtEnd: [String]
    /// The columns' names in other words (see `init`), to tell a row that repeats them.
    private let otherNames: [String: String]

    /// `otherNames`: names a list made in Indonesian gives the columns (`nik`, `no_kk`), keyed as
    /// `otherNameKey` writes them, and the column each one means.
    public init(_ record: CSVReader.Record, required: [String], optional: [String],
                otherNames: [String: String] = [:]) throws(ImportProblems) {
        if record.fields.count == 1, record.fields[0].contains(",") {
            // A comma inside the only field: the line was quoted whole (see `lineInOneField`).
            throw ImportProblems([ImportProblem(line: record.line, problem: .lineInOneField)])
        }
        if record.fields.count == 1, let separator = ([";", "\t", "|"] as [Character]).first(where: { record.fields[0].contains($0) }) {
            // A spreadsheet set to another locale saves with semicolons: one clear problem, not one per column.
            throw ImportProblems([ImportProblem(line: record.line, problem: .headerSeparatedBy(separator))])
        }
        let namesInQuotes = record.fields.map(\.trimmingWhitespace).filter { field in
            OtherQuotes.unwrapped(field).map { (required + optional).contains($0.lowercased()) } ?? false
        }
        if namesInQuotes.count >= 2 {
            // `'family_id','sls_code',...`: one problem for the header, not one per column.
            let single = OtherQuotes.isInSingleQuotes(namesInQuotes[0])
            throw ImportProblems([ImportProblem(line: record.line, problem: .headerInOtherQuotes(single: single))])
        }
        var found: [ImportProblem] = []
        var positions: [String: Int] = [:]
        var namedOtherwise: Set<String> = []
        // Unknown names without an invisible character, and where their problems stand among the others.
        var unknown: [(name: String, at: Int)] = []
        let written = Set(record.fields.map { $0.trimmingWhitespace.lowercased() })
        for (index, raw) in record.fields.enumerated() {
            // Compared in lower case, named as written, so that the person finds the column they wrote.
            let asWritten = raw.trimmingWhitespace
            let name = asWritten.lowercased()
            func underscoring(_ text: String) -> String { String(text.map { $0 == " " || $0 == "-" ? "_" : $0 }) }
            let underscored = underscoring(name)
            let unmarked = Self.withoutTemplateMark(name).map(underscoring)
            if name.isEmpty {
                // What a spreadsheet saves for a column emptied but not deleted: said as such.
                found.append(ImportProblem(line: record.line, column: "#\(index + 1)",
                                           problem: index == 0 && record.fields.count > 1 ? .unnamedFirstColumn : .unnamedColumn))
            } else if underscored != name, (required + optional).contains(underscored), positions[underscored] == nil {
                // `Family ID`, `sls-code`: the column meant is plain, and is not also said to be missing.
                found.append(ImportProblem(line: record.line, column: asWritten, problem: .columnNamedOtherwise(underscored)))
                namedOtherwise.insert(underscored)
            } else if let unmarked, (required + optional).contains(unmarked), positions[unmarked] == nil, !namedOtherwise.contains(unmarked) {
                // `family_id*`, `head_name (wajib)`: a template's mark for a required column, after the name.
                found.append(ImportProblem(line: record.line, column: asWritten, problem: .columnWithMark(unmarked)))
                namedOtherwise.insert(unmarked)
            } else if let meant = otherNames[Self.otherNameKey(name)], !written.contains(meant), !namedOtherwise.contains(meant) {
                // `NIK`, `No. KK`, `Nama Kepala Keluarga`: the column meant (unless the header has it too),
                // said once, and not also said to be missing.
                found.append(ImportProblem(line: record.line, column: asWritten, problem: .columnInOtherWords(meant)))
                namedOtherwise.insert(meant)
            } else if let meant = TextEncodedTwice.meant(name)?.removingInvisibleCharacters, (required + optional).contains(meant),
                      positions[meant] == nil {
                // `ï»¿family_id`: a file that began with a byte order mark, opened as Windows text and saved again.
                found.append(ImportProblem(line: record.line, column: asWritten, problem: .encodedTwice(meant: meant)))
                namedOtherwise.insert(meant)
            } else if !(required + optional).contains(name), let kind = Self.columnOfTheSheet(name) {
                // `No`, `Keterangan`: what a list kept in a spreadsheet has beside the format's columns.
                found.append(ImportProblem(line: record.line, column: asWritten, problem: kind))
            } else if !(required + optional).contains(name) {
                // A name that looks right but holds an invisible character (a second byte order mark,
                // a zero-width space from a spreadsheet) is named with the character spelled out, and
                // the column it is without the character is not also said to be missing.
                let holdsInvisible = name.firstInvisibleCharacter != nil
                if !holdsInvisible { unknown.append((asWritten, found.count)) }
                found.append(ImportProblem(line: record.line, column: asWritten,
                                           problem: .unknownColumn(columns: required + optional, holdsInvisibleCharacter: holdsInvisible)))
                if holdsInvisible { namedOtherwise.insert(name.removingInvisibleCharacters) }
            } else if positions[name] != nil {
                found.append(ImportProblem(line: record.line, column: asWritten, problem: .columnTwice))
            } else {
                positions[name] = index
            }
        }
        if unknown.count >= 3 {
            // A sheet with another system's columns beside the format's: one problem naming them, where the first stood.
            let together = ImportProblem(line: record.line, column: unknown[0].name,
                                         problem: .unknownColumns(names: unknown.map(\.name), columns: required + optional))
            let places = Set(unknown.map(\.at))
            found = found.indices.compactMap { $0 == unknown[0].at ? together : places.contains($0) ? nil : found[$0] }
        }
        var problems = ImportProblems(found)
        for name in required where positions[name] == nil && !namedOtherwise.contains(name) {
            problems.append(ImportProblem(line: record.line, column: name, problem: .requiredColumnMissing))
        }
        if !problems.isEmpty { throw problems }
        self.positions = positions
        self.count = record.fields.count
        self.line = record.line
        self.otherNames = otherNames
        let names = positions.sorted { $0.value < $1.value }.map(\.key)
        optionalAtEnd = Array(names.reversed().prefix { optional.contains($0) }.reversed())
    }

    /// A column's name as `otherNames` keys it: lower case, each run of what is not a letter or a
    /// digit (spaces, dots, dashes) one underscore, none at either end: `No. KK` is `no_kk`.
    static func otherNameKey(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "_")
    }

    /// A column of row numbers or of remarks, which lists kept in a spreadsheet have beside the
    /// format's columns (`No`, `No. Urut`, `Keterangan`), or one of both coordinates (`Koordinat`);
    /// nil for any other name.
    static func columnOfTheSheet(_ name: String) -> ImportProblem.Kind? {
        let key = otherNameKey(name)
        if name == "#" || ["no", "no_urut", "nomor", "nomor_urut", "nourut", "urut", "nr", "row", "row_number"].contains(key) {
            return .rowNumberColumn
        }
        if ["ket", "keterangan", "catatan", "remarks", "notes", "note"].contains(key) { return .remarksColumn }
        return ["koordinat", "titik_koordinat", "coordinates", "coordinate", "gps", "lokasi_gps", "latlong", "lat_long", "latlng", "lat_lon"]
            .contains(key) ? .coordinatesInOneColumn : nil
    }

    /// A name without what a template writes after it to mark a required or optional column (`*`,
    /// `(wajib)`, `[opsional]`); nil when nothing is there to take away.
    static func withoutTemplateMark(_ name: String) -> String? {
        var text = Substring(name)
        if let open = text.lastIndex(where: { $0 == "(" || $0 == "[" }), text.last == ")" || text.last == "]" {
            text = text[..<open]
        }
        while let last = text.last, last == "*" || last.isWhitespace { text = text.dropLast() }
        return text.count < name.count && !text.isEmpty ? String(text) : nil
    }

    /// The separator a first line such as `sep=,` names: Excel's hint, which some lists carry
    /// above their header so that Excel opens them right.
    public static func separatorHint(in record: CSVReader.Record) -> Character? {
        let text = record.fields.joined(separator: ",")  // not trimmed: the separator may be a tab
        guard text.count == 5, text.lowercased().hasPrefix("sep=") else { return nil }
        return text.last
    }

    /// Whether a row repeats the header's names, as in two lists joined into one file (the second
    /// file's byte order mark, if it had one, then before its first name).
    public func isRepeated(by record: CSVReader.Record) -> Bool {
        record.fields.count == count && positions.allSatisfy { name, index in
            let field = record.fields[index].trimmingWhitespace.lowercased()
            return field == name
                || (index == 0 && field.unicodeScalars.first == "\u{FEFF}" && String(field.unicodeScalars.dropFirst()) == name)
        }
    }

    /// Whether a row gives most columns' names in other words (`ID Keluarga`, `Kode SLS`): a
    /// template's second header row, describing each column in Indonesian.
    public func isRepeatedInOtherWords(by record: CSVReader.Record) -> Bool {
        guard record.fields.count == count else { return false }
        let named = positions.filter { name, index in
            let key = Self.otherNameKey(record.fields[index])
            return key == name || otherNames[key] == name
        }
        return named.count * 2 > positions.count
    }

    /// Whether a header splits the places' codes into a column per level (`kdprov`, `kdkab`, `kdkec`,
    /// `kddesa`), as BPS's registers and master files keep them: two levels or more, and no column
    /// of whole codes (`wholeCode`; beside one, such columns are only more columns).
    public static func splitsCodesByLevel(_ record: CSVReader.Record, wholeCode: String) -> Bool {
        let keys = Set(record.fields.map { otherNameKey($0) })
        return !keys.contains(wholeCode) && levelCodeColumns.filter { !keys.isDisjoint(with: $0) }.count >= 2
    }

    private static let levelCodeColumns: [Set<String>] = [
        ["kdprov", "kd_prov", "kode_prov", "kode_provinsi", "prov", "provinsi"],
        ["kdkab", "kd_kab", "kode_kab", "kode_kabupaten", "kode_kab_kota", "kab", "kabupaten", "kab_kota"],
        ["kdkec", "kd_kec", "kode_kec", "kode_kecamatan", "kec", "kecamatan"],
        ["kddesa", "kd_desa", "kode_desa", "kode_kelurahan", "kode_desa_kelurahan", "desa", "kelurahan", "desa_kelurahan"],
    ]

    /// Whether a row numbers the columns, `(1),(2),(3)...` or `1,2,3...`, as tables in Indonesian
    /// government reports have under their header.
    public static func numbersTheColumns(_ record: CSVReader.Record) -> Bool {
        record.fields.count > 2 && record.fields.enumerated().allSatisfy { index, field in
            var number = Substring(field.trimmingWhitespace)
            if number.first == "(" || number.first == "[", number.last == ")" || number.last == "]" { number = number.dropFirst().dropLast() }
            return number == String(index + 1)
        }
    }

    /// What is wrong with a row whose number of fields is not the header's. Fields after the
    /// last column that are all empty are commas at the end of the line, as a sheet with a column
    /// once used beyond the list saves them, if the row is right without them (`isValid`, asked only
    /// then): an unquoted comma in a value before empty optional columns also leaves one empty.
    /// Fewer fields, the missing ones optional columns at the header's end, are those columns left
    /// out, if the row is right with them empty.
    public func fieldCountProblem(of record: CSVReader.Record, isValid: (CSVReader.Record) -> Bool) -> ImportProblem.Kind {
        let found = record.fields.count, inHeader = count
        if found == 1, inHeader > 1 { return record.fields[0].contains(",") ? .lineInOneField : .oneValueLine(inHeader: inHeader) }
        if found > inHeader, record.fields[inHeader...].allSatisfy({ $0.trimmingWhitespace.isEmpty }) {
            var shortened = record
            shortened.fields.removeLast(found - inHeader)
            if isValid(shortened) { return .emptyFieldsAtEnd(found: found, inHeader: inHeader) }
        }
        if found < inHeader, inHeader - found <= optionalAtEnd.count {
            var completed = record
            completed.fields.append(contentsOf: repeatElement("", count: inHeader - found))
            if isValid(completed) {
                return .optionalColumnsLeftOut(found: found, inHeader: inHeader, columns: Array(optionalAtEnd.suffix(inHeader - found)))
            }
        }
        if found == 2 * inHeader - 1, endsWithHeader(record) { return .rowJoinedWithHeader }
        if found > inHeader, record.fields.contains(where: { $0.trimmingWhitespace.unicodeScalars.first.map(OtherQuotes.curlyDouble.contains) == true }) {
            return .commaInsideCurlyQuotes(found: found, inHeader: inHeader)
        }
        if found > inHeader, let opening = record.fields.firstIndex(where: { Self.opensInSingleQuote($0.trimmingWhitespace) }),
           record.fields[(opening + 1)...].contains(where: { $0.trimmingWhitespace.unicodeScalars.last.map(OtherQuotes.single.contains) == true }) {
            // `'Budi, S.Pd'` split at its comma: a value opening with a single quote, a later one closing with one.
            return .commaInsideSingleQuotes(found: found, inHeader: inHeader)
        }
        return .fieldCount(found: found, inHeader: inHeader)
    }

    /// Whether a record of one field fewer than two rows ends with the header's names, its first
    /// joined to the row's last value: two files joined, the first not ending with a line break.
    private func endsWithHeader(_ record: CSVReader.Record) -> Bool {
        guard let firstName = positions.first(where: { $0.value == 0 })?.key else { return false }
        var tail = CSVReader.Record(line: record.line, fields: Array(record.fields[(count - 1)...]))
        guard tail.fields[0].trimmingWhitespace.lowercased().hasSuffix(firstName) else { return false }
        tail.fields[0] = firstName
        return isRepeated(by: tail)
    }

    /// Begins with a single quote and does not end with one.
    private static func opensInSingleQuote(_ field: String) -> Bool {
        guard let first = field.unicodeScalars.first, OtherQuotes.single.contains(first) else { return false }
        return !OtherQuotes.isInSingleQuotes(field)
    }

    public func value(_ name: String, in record: CSVReader.Record) -> String? {
        positions[name].map { record.fields[$0] }
    }
}

extension String {
    /// The text without white space at either end (Unicode-aware, no Foundation needed).
    public var trimmingWhitespace: String {
        // Nearly every field starts and ends with a visible ASCII character: no copy, no Unicode tables.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
