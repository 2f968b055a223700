/// The regions file (docs/formats.md): one row per place, its parent being the code's prefix.
public enum RegionCSV {
    public static let required = ["code", "name", "level"]
    public static let optional = ["non_sls"]
    public static let columns = required + optional

    public static func parse(_ record: CSVReader.Record, header: CSVHeader) -> Result<Region, ImportProblems> {
        var problems = ImportProblems()
        guard record.fields.count == header.count else {
            return .failure(ImportProblems([ImportProblem(
                line: record.line, problem: "\(record.fields.count) fields where the header has \(header.count)")]))
        }
        let code = header.value("code", in: record)?.trimmingWhitespace ?? ""
        let name = header.value("name", in: record)?.trimmingWhitespace ?? ""
        let levelText = header.value("level", in: record)?.trimmingWhitespace.lowercased() ?? ""
        let nonSLSText = header.value("non_sls", in: record)?.trimmingWhitespace.lowercased() ?? ""
        let level = RegionLevel(rawValue: levelText)
        if level == nil {
            problems.append(ImportProblem(line: record.line, column: "level", value: levelText,
                                          problem: "one of province, regency, district, village, sls, subsls"))
        }
        var parsed: RegionCode?
        do { parsed = try RegionCode(code) } catch {
            let why: String
            switch error {
            case .notDigits: why = "a code is digits only"
            case .unknownLength(let n): why = "\(n) digits is no level's length (2, 4, 7, 10, 14 or 16)"
            case .reservedRegencyNumber(let n): why = "regency number \(n) is not used (01-69 regencies, 71-99 cities)"
            case .unusedProvinceNumber(let n): why = "province number \(n) is not used (they run from 11 to 99)"
            }
            problems.append(ImportProblem(line: record.line, column: "code", value: code, problem: why))
        }
        if let parsed, let level, parsed.level != level {
            problems.append(ImportProblem(line: record.line, column: "code", value: code,
                                          problem: "a \(level.rawValue) code has \(level.codeLength) digits, not \(code.count)"))
        }
        if name.isEmpty { problems.append(ImportProblem(line: record.line, column: "name", problem: "must not be empty")) }
        if name.isLonger(than: 200) { problems.append(ImportProblem(line: record.line, column: "name", value: name, problem: "longer than 200 characters")) }
        if let control = name.firstInvisibleCharacter {
            problems.append(ImportProblem(line: record.line, column: "name", value: name,
                                          problem: "holds \(control.invisibleCharacterName): a name is one line of plain text"))
        }
        var nonSLS = false
        switch nonSLSText {
        case "", "false": nonSLS = false
        case "true": nonSLS = true
        default: problems.append(ImportProblem(line: record.line, column: "non_sls", value: nonSLSText, problem: "true or false"))
        }
        if nonSLS, let level, !level.holdsFamilies {
            problems.append(ImportProblem(line: record.line, column: "non_sls", value: nonSLSText, problem: "only an SLS or sub-SLS can be Non-SLS"))
        }
        guard problems.isEmpty, let parsed else { return .failure(problems) }
        return .success(Region(code: parsed, name: name, isNonSLS: nonSLS))
    }

    public static func line(_ region: Region) -> String {
        CSVWriter.line([region.code.value, region.name, region.level.rawValue, region.isNonSLS ? "true" : "false"])
    }
}
