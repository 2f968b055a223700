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
    static let yesOrNo: [String: Bool] = [
        "ya": true, "iya": true, "y": true, "yes": true, "1": true, "benar": true,
        "tidak": false, "bukan": false, "no": false, "n": false, "0": false, "salah": false,
    ]

    /// Whether a record begins as a row in the format's column order, a code, a name and a level:
    /// the first line of a file saved without its header.
    public static func startsAsRow(_ record: CSVReader.Record) -> Bool {
        record.fields.count >= 3 && RegionCode.parse(record.fields[0].trimmingWhitespace) != nil
            && RegionLevel(rawValue: record.fields[2].trimmingWhitespace.lowercased()) != nil
    }

    public static func line(_ region: Region) -> String {
        CSVWriter.line([region.code.value, region.name, region.level.rawValue, region.isNonSLS ? "true" : "false"])
    }
}
