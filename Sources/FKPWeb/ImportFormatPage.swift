import FKPCore
import FKPStore

/// What the import format page shows: each list's columns, whether a row must fill them, and what
/// they hold, with an example of each; and the header-only templates to start a list from.
struct ImportFormatPage {
    struct Column { let name: String; let required: String; let meaning: String }
    struct List { let kind: String; let title: String; let about: String; let columns: [Column]; let example: String }

    let lists: [List]

    init(language: Language) {
        let t = Translations(language: language)
        func columns(required: [String], optional: [String], mayBeEmpty: Set<String> = []) -> [Column] {
            required.map { Column(name: $0, required: t[mayBeEmpty.contains($0) ? "format_may_be_empty" : "format_yes"], meaning: t["format_col_\($0)"]) }
                + optional.map { Column(name: $0, required: t["format_no"], meaning: t["format_col_\($0)"]) }
        }
        lists = [
            List(kind: ListKind.regions.rawValue, title: t["imports_regions"], about: t["format_regions_about"],
                 columns: columns(required: RegionCSV.required, optional: RegionCSV.optional), example: Self.regionsExample),
            List(kind: ListKind.families.rawValue, title: t["imports_families"], about: t["format_families_about"],
                 columns: columns(required: FamilyCSV.required, optional: FamilyCSV.optional, mayBeEmpty: ["address"]),
                 example: Self.familiesExample),
        ]
    }

    /// A template: the list's header line, after a byte order mark so that a spreadsheet opens it
    /// as UTF-8 (a name's letters beyond ASCII then survive a save).
    static func template(_ kind: ListKind) -> String {
        "\u{FEFF}" + CSVWriter.line(kind == .regions ? RegionCSV.columns : FamilyCSV.columns)
    }

    /// Example lines, written by the format's own writers so that they load as shown (the numbers
    /// are made up).
    static let regionsExample = CSVWriter.line(RegionCSV.columns)
        + RegionCSV.line(Region(code: try! RegionCode("3201010001"), name: "Desa Sukamaju", isNonSLS: false))
        + RegionCSV.line(Region(code: try! RegionCode("32010100010001"), name: "RT 001 / RW 002", isNonSLS: false))
        + RegionCSV.line(Region(code: try! RegionCode("32010100010005"), name: "Pondok Pesantren Al-Ikhlas", isNonSLS: true))

    static let familiesExample = CSVWriter.line(FamilyCSV.columns)
        + FamilyCSV.line(PreliminaryFamily(id: "3201010001000123", slsCode: try! RegionCode("32010100010001"),
                                           headName: "Ma'ruf Hidayat, S.Pd", address: "Kp. Sukamaju RT 001 RW 002", members: 4,
                                           welfareGroup: .poor, welfareScore: "12.5", kkNumber: "3201012345678901",
                                           headNIK: "3201011203800001", latitude: "-6.5912", longitude: "106.7940"))
        + FamilyCSV.line(PreliminaryFamily(id: "3201010001000124", slsCode: try! RegionCode("32010100010001"),
                                           headName: "Siti Aminah", address: "", members: 2, welfareGroup: .veryPoor,
                                           welfareScore: "3.75", kkNumber: "3201012345678902", headNIK: "3201015507850002",
                                           latitude: nil, longitude: nil))
}
