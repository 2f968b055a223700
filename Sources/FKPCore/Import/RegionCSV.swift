/// The regions file (docs/formats.md): one row per place, its parent being the code's prefix.
public enum RegionCSV {
    public static let required = ["code", "name", "level"]
    public static let optional = ["non_sls"]
    public static let columns = required + optional
    /// The names a list made in Indonesian gives the columns, as `CSVHeader.otherNameKey` writes them.
    public static let columnsInOtherWords: [String: String] = [
        "kode": "code", "kode_wilayah": "code", "kode_bps": "code",
        "nama": "name", "nama_wilayah": "name",
        "tingkat": "level", "tingkat_wilayah": "level",
        "nonsls": "non_sls", "bukan_sls": "non_sls",
    ]

    /// Yes and no as lists write them, in Indonesian and English (not `t` and `f`: `t` is also `tidak`).
    private static let yesOrNo: [String: Bool] = [
        "ya": true, "iya": true, "y": true, "yes": true, "1": true, "benar": true,
        "tidak": false, "bukan": false, "no": false, "n": false, "0": false, "salah": false,
    ]

    /// Whether a record begins as a row in the format's column order, a code, a name and a level:
    /// the first line of a file saved without its header.
    public static func startsAsRow(_ record: CSVReader.Record) -> Bool {
        record.fields.count >= 3 && RegionCode.parse(record.fields[0].trimmingWhitespace) != nil
            && RegionLevel(rawValue: record.fields[2].trimmingWhitespace.lowercased()) != nil
    }

    public static func parse(_ record: CSVReader.Record, header: CSVHeader) -> Result<Region, ImportProblems> {
        var problems = ImportProblems()
        guard record.fields.count == header.count else {
            let problem = header.fieldCountProblem(of: record) {
                if case .success = parse($0, header: header) { true } else { false }
            }
            return .failure(ImportProblems([ImportProblem(line: record.line, problem: problem)]))
        }
        func refuse(_ column: String, _ value: String?, _ problem: ImportProblem.Kind) {
            problems.append(ImportProblem(line: record.line, column: column, value: value,
                                          problem: value.map { SpreadsheetDamage.problem(of: $0, otherwise: problem) } ?? problem))
        }
        let code = header.value("code", in: record)?.trimmingWhitespace ?? ""
        let name = header.value("name", in: record)?.trimmingWhitespace ?? ""
        // Read in either case; a problem shows the value as written.
        let levelText = header.value("level", in: record)?.trimmingWhitespace ?? ""
        let nonSLSText = header.value("non_sls", in: record)?.trimmingWhitespace ?? ""
        let level = RegionLevel(rawValue: levelText.lowercased())
        if levelText.isEmpty {
            refuse("level", nil, .empty)
        } else if level == nil {
            // `Non-SLS`: a kind of unit, which the format marks in its own column.
            let isNonSLS = levelText.lowercased().filter(\.isLetter) == "nonsls"
            // Otherwise the level the code's length gives, where the code is one (`5`, a name, in the level's column).
            refuse("level", levelText, RegionLevel(name: levelText).map { .levelNamedOtherwise($0) }
                ?? (isNonSLS ? .nonSLSAsLevel : RegionCode.parse(code).map { .notALevelCodeSays($0.level) } ?? .notALevel))
        }
        var parsed: RegionCode?
        if code.isEmpty {
            refuse("code", nil, .empty)
        } else {
            do { parsed = try RegionCode(code) } catch {
                let spreadsheet = SpreadsheetDamage.kind(of: code) { RegionCode.parse($0) != nil }
                refuse("code", code, spreadsheet ?? .regionCode(error))
            }
        }
        if let parsed, let level, parsed.level != level {
            refuse("code", code, .codeLengthForLevel(level, found: code.count))
        }
        if name.isEmpty { refuse("name", nil, .empty) }
        if name.isLonger(than: 200) { refuse("name", name, .longerThan(characters: 200)) }
        if let problem = ImportProblem.Kind.oneLineTextProblem(name, in: .name) { refuse("name", name, problem) }
        var nonSLS = false
        let nonSLSWord = nonSLSText.lowercased()
        switch nonSLSWord {
        case "", "false": nonSLS = false
        case "true": nonSLS = true
        default:
            refuse("non_sls", nonSLSText, yesOrNo[nonSLSWord].map { .trueOrFalseInOtherWords($0) } ?? .notTrueOrFalse)
        }
        if nonSLS, let level, !level.holdsFamilies {
            refuse("non_sls", nonSLSText, .nonSLSAboveUnits)
        }
        guard problems.isEmpty, let parsed else { return .failure(problems) }
        return .success(Region(code: parsed, name: name, isNonSLS: nonSLS))
    }

    public static func line(_ region: Region) -> String {
        CSVWriter.line([region.code.value, region.name, region.level.rawValue, region.isNonSLS ? "true" : "false"])
    }
}
