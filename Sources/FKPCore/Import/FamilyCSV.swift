/// The families file (docs/formats.md): one row per family of the preliminary list.
public enum FamilyCSV {
    public static let required = ["family_id", "sls_code", "head_name", "address", "members", "welfare_group",
                                  "welfare_score", "kk_number", "head_nik"]
    public static let optional = ["latitude", "longitude"]
    /// The order in which exports and generated files write the columns.
    public static let columns = required + optional

    /// Checks one row; returns the family, or every problem of the row.
    public static func parse(_ record: CSVReader.Record, header: CSVHeader) -> Result<PreliminaryFamily, ImportProblems> {
        var problems = ImportProblems()
        guard record.fields.count == header.count else {
            return .failure(ImportProblems([ImportProblem(
                line: record.line, problem: .fieldCount(found: record.fields.count, inHeader: header.count))]))
        }
        func field(_ name: String, required: Bool = true) -> String? {
            let value = header.value(name, in: record)?.trimmingWhitespace ?? ""
            if value.isEmpty {
                if required { problems.append(ImportProblem(line: record.line, column: name, problem: .empty)) }
                return nil
            }
            return value
        }
        func refuse(_ name: String, _ value: String, _ problem: ImportProblem.Kind) {
            problems.append(ImportProblem(line: record.line, column: name, value: value, problem: problem))
        }

        let id = field("family_id")
        if let id, id.utf8.count > 32 || !id.utf8.allSatisfy(isIDByte) {
            refuse("family_id", id, .familyIDForm)
        }
        let slsText = field("sls_code")
        var unit: RegionCode?
        if let slsText {
            if let code = RegionCode.parse(slsText), code.level.holdsFamilies { unit = code } else {
                refuse("sls_code", slsText, .unitCodeForm)
            }
        }
        let name = field("head_name")
        if let name, name.isLonger(than: 200) { refuse("head_name", name, .longerThan(characters: 200)) }
        if let name, let control = name.firstInvisibleCharacter { refuse("head_name", name, .invisibleCharacter(control, in: .name)) }
        let address = header.value("address", in: record)?.trimmingWhitespace ?? ""
        if address.isLonger(than: 500) { refuse("address", address, .longerThan(characters: 500)) }
        if let control = address.firstInvisibleCharacter { refuse("address", address, .invisibleCharacter(control, in: .address)) }
        var members = 0
        if let text = field("members") {
            if let value = Int(text), (1...99).contains(value) { members = value } else { refuse("members", text, .membersRange) }
        }
        var group: WelfareGroup?
        if let text = field("welfare_group") {
            group = Int(text).flatMap(WelfareGroup.init(rawValue:))
            if group == nil { refuse("welfare_group", text, .welfareGroupRange) }
        }
        let score = field("welfare_score")
        if let score, let problem = decimalProblem(score) { refuse("welfare_score", score, problem) }
        let kk = field("kk_number")
        if let kk, !PersonalNumber.isValid(kk) { refuse("kk_number", PersonalNumber.masked(kk), .notSixteenDigits) }
        let nik = field("head_nik")
        if let nik, !PersonalNumber.isValid(nik) { refuse("head_nik", PersonalNumber.masked(nik), .notSixteenDigits) }
        let latitude = field("latitude", required: false)
        let longitude = field("longitude", required: false)
        for (column, value, bounds) in [("latitude", latitude, -11.5...6.5), ("longitude", longitude, 94.5...141.5)] {
            guard let value else { continue }
            if let problem = decimalProblem(value) {
                refuse(column, value, problem)
            } else if !bounds.contains(Double(value) ?? .nan) {
                refuse(column, value, .outsideIndonesia(bounds))
            }
        }
        if (latitude == nil) != (longitude == nil) {
            problems.append(ImportProblem(line: record.line, column: latitude == nil ? "latitude" : "longitude",
                                          problem: .coordinatesApart))
        }
        guard problems.isEmpty, let id, let unit, let name, let group, let score, let kk, let nik else { return .failure(problems) }
        return .success(PreliminaryFamily(id: id, slsCode: unit, headName: name, address: address, members: members,
                                          welfareGroup: group, welfareScore: score, kkNumber: kk, headNIK: nik,
                                          latitude: latitude, longitude: longitude))
    }

    /// A letter or digit of ASCII, a dot, an underscore or a hyphen.
    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// Nil for a decimal: an optional sign, digits, and at most one dot with digits after it, at
    /// most 30 characters after the sign. A well-formed number that is longer is said to be too
    /// long rather than not a number.
    static func decimalProblem(_ text: String) -> ImportProblem.Kind? {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digitsBefore = 0, digitsAfter = 0, dots = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                dots += 1
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if dots == 0 { digitsBefore += 1 } else { digitsAfter += 1 }
            } else {
                return .notDecimal
            }
        }
        guard digitsBefore > 0, dots == 0 || (dots == 1 && digitsAfter > 0) else { return .notDecimal }
        return bytes.count <= maximumDecimalLength ? nil : .longerThan(characters: maximumDecimalLength)
    }

    static let maximumDecimalLength = 30

    /// A family as a line of the file, columns in the export order.
    public static func line(_ family: PreliminaryFamily) -> String {
        CSVWriter.line([family.id, family.slsCode.value, family.headName, family.address, String(family.members),
                        String(family.welfareGroup.rawValue), family.welfareScore, family.kkNumber, family.headNIK,
                        family.latitude ?? "", family.longitude ?? ""])
    }
}
