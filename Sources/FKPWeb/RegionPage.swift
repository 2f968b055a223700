import FKPCore
import FKPStore

/// The view-model of the region browser: where we are, and the places one level down with their
/// families per welfare group.
struct RegionPage {
    /// A place above this one (a link when the person may see it), or this place itself, last.
    struct Crumb { let name: String; var href: String? = nil; var current = false }
    /// Families per group, written as the reader's language writes numbers.
    struct Counts { let g1: String; let g2: String; let g3: String; let g4: String; let total: String }
    struct Row {
        let code: String
        let name: String
        let href: String?
        let nonSLS: Bool
        let counts: Counts
    }

    let heading: String
    let levelLabel: String?
    let childLevelLabel: String
    let crumbs: [Crumb]
    let rows: [Row]
    let totals: Counts
    let isEmpty: Bool
    let families: FamilyListView?
    /// The region's forums, for places from regency down to village.
    let forumsHref: String?
    /// A regency's overview and re-ranking, for those who may see them.
    let overviewHref: String?
    let rerankHref: String?
    /// The place's current lists in the import format, for those who may export them (`masked`:
    /// the families file's personal numbers, for anyone but BPS staff).
    struct ListFiles { let families: String; let regions: String; let masked: Bool }
    let listFiles: ListFiles?
    /// The place's change history, its loads by regions lists first, for those who may read the audit.
    let auditHref: String?

    init(region: Region?, lineage: [(Region, Bool)], children: [RegionRepository.RegionCounts], families: FamilyListView?,
         mayExportLists: Bool = false, seesPersonalNumbers: Bool = false, readsAudit: Bool = false,
         t: Translations) {
        heading = region.map { "\($0.name)" } ?? t["regions_all"]
        levelLabel = region.map { t["level_\($0.level.rawValue)"] + " · " + $0.code.value }
        let childLevel = region?.level.child ?? .province
        childLevelLabel = t["level_\(childLevel.rawValue)"]
        crumbs = [Crumb(name: t["regions_all"], href: region == nil ? nil : "/regions", current: region == nil)]
            + lineage.map { region, isLink in Crumb(name: region.name, href: isLink ? "/regions/\(region.code.value)" : nil) }
            + (region.map { [Crumb(name: $0.name, current: true)] } ?? [])
        rows = children.map { child in
            Row(code: child.region.code.value, name: child.region.name,
                href: child.region.level == .subsls ? nil : "/regions/\(child.region.code.value)",
                nonSLS: child.region.isNonSLS, counts: Self.counts(child.counts, t))
        }
        totals = Self.counts(children.map(\.counts).reduce(GroupCounts(), +), t)
        isEmpty = children.isEmpty
        self.families = families
        forumsHref = region.flatMap { [.regency, .district, .village].contains($0.level) ? "/regions/\($0.code.value)/forums" : nil }
        let regency = mayExportLists ? region.flatMap { $0.level == .regency ? $0.code.value : nil } : nil
        overviewHref = regency.map { "/regions/\($0)/overview" }
        rerankHref = regency.map { "/regions/\($0)/rerank" }
        auditHref = (readsAudit ? region?.code.value : nil).map { "/audit?region=\($0)" }
        listFiles = (mayExportLists ? region?.code.value : nil).map {
            ListFiles(families: "/regions/\($0)/families.csv", regions: "/regions/\($0)/regions.csv", masked: !seesPersonalNumbers)
        }
    }

    static func counts(_ c: GroupCounts, _ t: Translations) -> Counts {
        Counts(g1: t.number(c[.veryPoor]), g2: t.number(c[.poor]), g3: t.number(c[.vulnerable]), g4: t.number(c[.notPoor]),
               total: t.number(c.total))
    }
}
