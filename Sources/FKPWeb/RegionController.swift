import FKPCore
import FKPStore
import Hummingbird

/// Browsing places from a person's own scope down to the SLS, with family counts per welfare
/// group, and at unit level the preliminary list itself.
struct RegionController {
    let renderer: PageRenderer
    let regions: RegionRepository
    let families: FamilyRepository
    let securityLog: SecurityLog

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/regions", use: index)
        router.get("/regions/{code}", use: show)
    }

    /// The whole country for a national administrator; otherwise the person's own places.
    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let principal = context.principal else { throw LoginRequired() }
        let t = Translations(language: context.language)
        let children: [RegionRepository.RegionCounts]
        if let roots = AccessPolicy.roots(principal, for: .viewRegion) {
            if roots.count == 1, let only = roots.first { return redirect("/regions/\(only.value)") }
            children = try await regions.counts(of: roots)
        } else {
            children = try await regions.children(of: nil)
        }
        let page = RegionPage(region: nil, lineage: [], children: children, families: nil, t: t)
        return try renderer.render("regions", title: "regions_title", content: page, request: request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let code = RegionCode.parse(try context.parameters.require("code")) else { throw HTTPError(.notFound) }
        try context.authorize(.viewRegion, .region(code))
        guard let region = try await regions.region(code) else { throw HTTPError(.notFound) }
        let t = Translations(language: context.language)
        // Ancestors are named; only those inside the person's scope are links.
        var lineage: [(Region, Bool)] = []
        for ancestor in code.lineage where ancestor != code {
            if let found = try await regions.region(ancestor) {
                lineage.append((found, AccessPolicy.decide(context.principal, .viewRegion, .region(ancestor)) == .allow))
            }
        }
        var listed: FamilyListView?
        if region.level.holdsFamilies, AccessPolicy.decide(context.principal, .viewFamilies, .region(code)) == .allow {
            let rows = try await families.list(unit: code)
            let whole = context.principal?.seesPersonalNumbers == true
            if whole, let principal = context.principal {
                try await securityLog.recordPersonalDataAccess(
                    username: principal.username, what: "kk_number, head_nik: list of unit \(code.value)",
                    subjects: rows.map(\.id), requestID: context.requestID)
            }
            listed = FamilyListView(rows: rows, showWhole: whole, t: t)
        }
        let page = RegionPage(region: region, lineage: lineage, children: try await regions.children(of: code), families: listed,
                              mayExportLists: AccessPolicy.decide(context.principal, .exportLists, .region(code)) == .allow,
                              seesPersonalNumbers: context.principal?.seesPersonalNumbers == true,
                              readsAudit: AccessPolicy.decide(context.principal, .viewAudit, .region(code)) == .allow, t: t)
        return try renderer.render("regions", title: "regions_title", content: page, request: request, context: context)
    }
}
