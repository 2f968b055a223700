/// The families file (docs/formats.md): one row per family of the preliminary list.
public enum FamilyCSV {
    public static let required = ["family_id", "sls_code", "head_name", "address", "members", "welfare_group",
                                  "welfare_score", "kk_number", "head_nik"]
    public static let optional = ["latitude", "longitude"]
    /// The order in which exports and generated files write the columns.
    public static let columns = required + optional
    /// The names a list made in Indonesian gives the columns, as `CSVHeader.otherNameKey` writes them.
    public static let columnsInOtherWords: [String: String] = [
        "id_keluarga": "family_id", "idkeluarga": "family_id", "id_kel": "family_id",
        "kode_sls": "sls_code", "kd_sls": "sls_code", "kdsls": "sls_code", "id_sls": "sls_code", "idsls": "sls_code",
        "nama": "head_name", "nama_kepala": "head_name", "nama_kepala_keluarga": "head_name", "nama_krt": "head_name",
        "kepala_keluarga": "head_name",
        "alamat": "address",
        "jumlah_anggota": "members", "jumlah_anggota_keluarga": "members", "jumlah_art": "members", "jml_art": "members",
        "jml_anggota": "members", "anggota": "members", "art": "members",
        "kelompok": "welfare_group", "kelompok_kesejahteraan": "welfare_group", "status_kesejahteraan": "welfare_group",
        "skor": "welfare_score", "skor_kesejahteraan": "welfare_score", "nilai_kesejahteraan": "welfare_score",
        "no_kk": "kk_number", "nomor_kk": "kk_number", "nokk": "kk_number", "kk": "kk_number",
        "no_kartu_keluarga": "kk_number", "nomor_kartu_keluarga": "kk_number",
        "nik": "head_nik", "nik_kepala": "head_nik", "nik_kepala_keluarga": "head_nik", "nik_krt": "head_nik",
        "lintang": "latitude", "lat": "latitude", "bujur": "longitude", "lon": "longitude", "lng": "longitude",
    ]
    /// The family card number and the head's NIK: personal data, never shown whole but to BPS staff.
    public static let personalNumberColumns: Set = ["kk_number", "head_nik"]

    /// A letter or digit of ASCII, a dot, an underscore or a hyphen.
    static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// The unit a `sls_code` names, when it is a code of a level that holds families.
    static func unitCode(_ text: String) -> RegionCode? {
        RegionCode.parse(text).flatMap { $0.level.holdsFamilies ? $0 : nil }
    }

    /// Whether a record begins as a row in the format's column order, a family id then a unit's
    /// code: the first line of a file saved without its header. The keys alone, so that a row with
    /// a problem of its own is still told.
    public static func startsAsRow(_ record: CSVReader.Record) -> Bool {
        record.fields.count >= 2 && isFamilyID(record.fields[0].trimmingWhitespace) && unitCode(record.fields[1].trimmingWhitespace) != nil
    }

    /// At most 32 of the bytes `isIDByte` takes.
    static func isFamilyID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 32 && text.utf8.allSatisfy(isIDByte)
    }

    /// Nil for a decimal: an optional sign, digits with at most one dot among them (`.5` and `5.`
    /// as Stata and other programs write them, which PostgreSQL reads exactly), at most 30
    /// characters after the sign. A well-formed number that is longer is said to be too long
    /// rather than not a number; one in scientific notation is said to be so.
    static func decimalProblem(_ text: String) -> ImportProblem.Kind? {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0, dots = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                dots += 1
            } else if SpreadsheetDamage.isDigit(byte) {
                digits += 1
            } else {
                if let notation = ScientificNotation(text) { return .scientificNotation(writtenOut: notation.writtenOut(maximumLength: maximumDecimalLength)) }
                if let plain = PlainDigits.writtenOut(text), decimalProblem(plain) == nil { return .notPlainCharacters(writtenOut: plain) }
                return .notDecimal
            }
        }
        guard digits > 0, dots <= 1 else { return .notDecimal }
        return bytes.count <= maximumDecimalLength ? nil : .longerThan(characters: maximumDecimalLength)
    }

    static let maximumDecimalLength = 30

    /// Why a welfare group is refused: a group's label, a whole number written as a decimal, a
    /// decile (`Desil 3`), the score where the group belongs and the group where the score does
    /// (the two columns swapped), or a number outside 1 to 4.
    static func groupProblem(_ text: String, score: String) -> ImportProblem.Kind {
        if let group = WelfareGroup(label: text) { return .welfareGroupLabel(group) }
        let isGroup = { (text: String) in Int(text).flatMap(WelfareGroup.init(rawValue:)) != nil }
        if SpreadsheetDamage.isWholeNumberAsDecimal(text, isValid: isGroup) { return .wholeNumberAsDecimal }
        if let plain = PlainDigits.writtenOut(text), isGroup(plain) { return .notPlainCharacters(writtenOut: plain) }
        if ["desil", "decile"].contains(where: { text.lowercased().hasPrefix($0) }) { return .decileNotGroup }
        if text.contains("."), decimalProblem(text) == nil, isGroup(score) { return .groupAndScoreSwapped }
        return .welfareGroupRange
    }

    /// What a spreadsheet's display format made of a score it refused (the file holds what a cell
    /// shows): its thousands separated, or a percentage. Nil when neither explains it.
    static func scoreProblem(_ text: String) -> ImportProblem.Kind? {
        if let grouped = ThousandsSeparators(text) { return .thousandsSeparators(writtenOut: grouped.writtenOut) }
        guard text.hasSuffix("%") else { return nil }
        let number = String(text.dropLast().map { $0 == "," ? "." : $0 }).trimmingWhitespace
        return decimalProblem(number) == nil ? .percentage : nil
    }

    /// Why a coordinate outside Indonesia is refused: a whole number of four digits or more whose
    /// thousandth is inside (`106.827` read as 106827 by a spreadsheet set to Indonesian, see
    /// `ScoresReadAsThousands`), or outside.
    static func outsideProblem(_ text: String, bounds: ClosedRange<Double>) -> ImportProblem.Kind {
        let digits = text.hasPrefix("-") ? text.utf8.dropFirst() : text.utf8[...]
        guard digits.count >= 4, digits.allSatisfy(SpreadsheetDamage.isDigit), let whole = Int(text),
              bounds.contains(Double(whole) / 1000) else { return .outsideIndonesia(bounds) }
        return .coordinateReadAsThousands(meant: (whole < 0 ? "-" : "") + ScoresReadAsThousands.thousandth(of: abs(whole)))
    }

    /// Why a NIK or family card number is refused: what a spreadsheet did to it, a letter typed
    /// among its sixteen digits (an O for a zero, say: named by its place, as the value is shown
    /// masked), or not sixteen digits.
    static func personalNumberProblem(_ text: String) -> ImportProblem.Kind {
        if let damage = SpreadsheetDamage.kind(of: text, isValid: PersonalNumber.isValid) { return damage }
        if let letter = LetterAmongDigits.problem(in: text, lengths: [16]) { return letter }
        let allDigits = text.utf8.allSatisfy(SpreadsheetDamage.isDigit)
        return .notSixteenDigits(digits: allDigits ? text.count : nil)
    }

    /// A family as a line of the file, columns in the export order.
    public static func line(_ family: PreliminaryFamily) -> String {
        CSVWriter.line([family.id, family.slsCode.value, family.headName, family.address, String(family.members),
                        String(family.welfareGroup.rawValue), family.welfareScore, family.kkNumber, family.headNIK,
                        family.latitude ?? "", family.longitude ?? ""])
    }
}
