import FKPCore
import FKPStore
import Hummingbird

/// Browsing places from the provinces down to the SLS, with family counts per welfare group.
struct RegionController {
    let renderer: PageRenderer
    let regions: RegionRepository

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/regions", use: index)
        router.get("/regions/{code}", use: show)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        let page = RegionPage(region: nil, lineage: [], children: try await regions.children(of: nil),
                              t: Translations(language: context.language))
        return try renderer.render("regions", title: "regions_title", content: page, request: request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let code = RegionCode.parse(try context.parameters.require("code")),
              let region = try await regions.region(code) else {
            throw HTTPError(.notFound)
        }
        var lineage: [Region] = []
        for ancestor in code.lineage {
            if ancestor == code { lineage.append(region) } else if let found = try await regions.region(ancestor) { lineage.append(found) }
        }
        let page = RegionPage(region: region, lineage: lineage, children: try await regions.children(of: code),
                              t: Translations(language: context.language))
        return try renderer.render("regions", title: "regions_title", content: page, request: request, context: context)
    }
}
