import FKPCore
import FKPStore
import Foundation
import Hummingbird
import Logging

/// Re-ranking a regency from the browser (BPS staff), its runs, and their final lists: a CSV
/// download and a printable list per village.
struct RerankController {
    let renderer: PageRenderer
    let regions: RegionRepository
    let reranker: Reranker
    let runs: RerankRepository
    let batches: ImportBatchRepository
    let finalLists: FinalListExport

    /// `shown_run`: the latest run the page showed, empty when it showed none (see `Reranker.Outcome.sentAgain`).
    struct RunForm: Decodable { let allow_open: String?; let shown_run: String? }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/regions/{code}/rerank", use: show)
        router.post("/regions/{code}/rerank", use: run)
        router.get("/regions/{code}/rerank/{run}/final.csv", use: download)
        router.get("/regions/{code}/rerank/{run}/villages/{village}", use: village)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let region = try await regions.requestedRegency(by: context, for: .exportLists)
        return try await render(request, context, region: region, openForums: nil, status: .ok)
    }

    @Sendable func run(_ request: Request, context: AppRequestContext) async throws -> Response {
        let region = try await regions.requestedRegency(by: context, for: .rerank)
        guard let principal = context.principal else { throw LoginRequired() }
        var request = request
        let form = try await request.decodeForm(RunForm.self)
        let shown = form.shown_run.flatMap { $0.isEmpty ? 0 : Int64($0) }
        let outcome = try await reranker.run(regency: region.code, allowOpen: form.allow_open == "yes", sentAfter: shown, context: WriteContext(
            actor: principal.username, role: principal.primaryRole, action: "rerank.run", regionCode: region.code.value,
            requestID: context.requestID))
        switch outcome {
        case .forumsStillOpen(let forums): return try await render(request, context, region: region, openForums: forums, status: .conflict)
        case .ran(let runID, _, _, _, _), .sentAgain(let runID): return redirect("/regions/\(region.code.value)/rerank#run-\(runID)")
        }
    }

    /// The run's list, written whole aside while its lines are read and hashed, and sent only once
    /// they give the output SHA-256 recorded with the run: a regency's million lines are never one
    /// string, and no list altered since the run leaves the server.
    @Sendable func download(_ request: Request, context: AppRequestContext) async throws -> Response {
        let region = try await regions.requestedRegency(by: context, for: .exportLists)
        guard let runID = Int64(try context.parameters.require("run")) else { throw HTTPError(.notFound) }
        let finalLists = finalLists
        let spool: ExportSpool
        do {
            spool = try await ExportSpool.filled { append in
                try await ListDownloadController.inPieces(to: append) { write in
                    try await finalLists.write(regency: region.code, runID: runID, write: write)
                }
            }
        } catch is FinalListExport.NoRun {
            throw HTTPError(.notFound)
        } catch let altered as FinalListExport.Altered {
            context.logger.error("final list not sent", metadata: ["error": "\(altered)"])
            throw AlteredFinalList(runID: altered.runID)
        }
        return Response(status: .ok, headers: ListDownloadController.headers(fileName: "final-\(region.code.value)-run\(runID).csv"),
                        body: await spool.filledBody())
    }

    /// A run's stored lines that no longer hash to the output SHA-256 recorded with the run in the
    /// audit trail: changed outside FKP, which no write path of it can do. Said as such, not as an
    /// unexplained error.
    struct AlteredFinalList: ExplainedRefusal {
        let runID: Int64
        var status: HTTPResponse.Status { .internalServerError }
        var back: String? { nil }
        func message(_ t: Translations) -> String { t.filling("rerank_altered", ["run": String(runID)]) }
    }

    @Sendable func village(_ request: Request, context: AppRequestContext) async throws -> Response {
        let region = try await regions.requestedRegency(by: context, for: .exportLists)
        guard let runID = Int64(try context.parameters.require("run")),
              let run = try await runs.runs(regency: region.code).first(where: { $0.id == runID }),
              let code = RegionCode.parse(try context.parameters.require("village")), code.level == .village,
              region.code.contains(code), let village = try await regions.region(code) else { throw HTTPError(.notFound) }
        let entries = try await runs.entries(runID: run.id, within: code)
        let page = FinalListPage(regency: region, village: village, run: run, entries: entries, language: context.language)
        return try renderer.render("final-list", title: "final_title", content: page, request: request, context: context)
    }

    private func render(_ request: Request, _ context: AppRequestContext, region: Region, openForums: [Int64]?,
                        status: HTTPResponse.Status) async throws -> Response {
        let open = try await runs.openForums(regency: region.code)
        let past = try await runs.runs(regency: region.code)
        var loadedSince: [(id: Int64, fileName: String, createdAt: Date)] = []
        if let latest = past.first { loadedSince = try await batches.familiesLoaded(into: region.code, after: latest.createdAt) }
        let page = RerankPage(
            regency: region, runs: past, loadedSince: loadedSince, villages: try await regions.descendants(of: region.code, level: .village),
            openForums: openForums ?? open, refused: openForums != nil,
            mayRun: AccessPolicy.decide(context.principal, .rerank, .region(region.code)) == .allow,
            csrf: context.csrfToken(), language: context.language)
        return try renderer.render("rerank", title: "rerank_title", content: page, request: request, context: context, status: status)
    }
}
