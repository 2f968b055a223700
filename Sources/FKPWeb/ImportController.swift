import FKPCore
import FKPStore
import Foundation
import Hummingbird
import HummingbirdAuth

/// BPS staff load their region's lists from the browser: the same files, the same checks and the
/// same errors as `fkp import`, and the batches loaded before.
struct ImportController {
    let renderer: PageRenderer
    let importer: ListImporter
    let runs: RerankRepository
    let batches: ImportBatchRepository
    /// Bytes of the largest file an upload may hold.
    let uploadLimit: Int

    /// Where files are posted, to load or only to check; the CSRF check of these is their handler's
    /// (`MultipartUpload`).
    static let uploadPaths = Set(ListKind.allCases.flatMap { ["/imports/\($0.rawValue)", "/imports/\($0.rawValue)/check"] })

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/imports", use: page)
        router.get("/imports/format", use: format)
        router.get("/imports/format/{file}", use: template)
        router.post("/imports/{kind}", use: load)
        router.post("/imports/{kind}/check", use: check)
    }

    /// The places this person may load lists for (nil: everywhere); refused when none.
    private func scope(_ context: AppRequestContext, write: Bool) throws -> (Principal, [RegionCode]?) {
        guard let principal = context.principal else { throw LoginRequired() }
        guard let roots = AccessPolicy.roots(principal, for: .importLists) else { return (principal, nil) }
        if roots.isEmpty { throw write ? HTTPError(.forbidden) : HTTPError(.notFound) }
        return (principal, roots)
    }

    /// The form and the past batches, newest first (`?before=ID`: those older than that batch);
    /// after a load (`?batch=ID`), what that batch did (`&again=1`: the same file arrived again).
    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, roots) = try scope(context, write: false)
        var outcome: ImportOutcome?
        if let id = request.uri.queryParameters.get("batch", as: Int64.self), let batch = try await batches.batch(id, within: roots) {
            // Only the regencies within this person's places: a batch of a national load touches others.
            let earlier = try await runs.latestRunsBefore(batch: id).filter { run, _ in
                guard let roots, let regency = RegionCode.parse(run.regency) else { return roots == nil }
                return roots.contains { $0.contains(regency) }
            }
            outcome = ImportOutcome(batch: batch, earlierRuns: earlier, language: context.language)
            if request.uri.queryParameters["again"] != nil {
                outcome?.sentAgain = Translations(language: context.language)["imports_sent_again"]
            }
        }
        return try await render(request, context, roots: roots, outcome: outcome, status: .ok,
                                before: request.uri.queryParameters.get("before", as: Int64.self))
    }

    /// Each list's columns and an example, for whoever prepares a list in a spreadsheet.
    @Sendable func format(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try scope(context, write: false)
        return try renderer.render("import-format", title: "format_title", content: ImportFormatPage(language: context.language),
                                   request: request, context: context)
    }

    /// A list's header line, to start a list from (`regions.csv`, `families.csv`).
    @Sendable func template(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try scope(context, write: false)
        let file = try context.parameters.require("file")
        guard file.hasSuffix(".csv"), let kind = ListKind(rawValue: String(file.dropLast(4))) else { throw HTTPError(.notFound) }
        return .csvDownload(ImportFormatPage.template(kind), fileName: file)
    }

    @Sendable func load(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await upload(request, context: context, checkOnly: false)
    }

    /// The same checks, and what loading the file would change, without loading it.
    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await upload(request, context: context, checkOnly: true)
    }

    private func upload(_ request: Request, context: AppRequestContext, checkOnly: Bool) async throws -> Response {
        let (principal, roots) = try scope(context, write: true)
        guard let kind = ListKind(rawValue: try context.parameters.require("kind")) else { throw HTTPError(.notFound) }
        guard let boundary = MultipartUpload.boundary(of: request.headers[.contentType]) else {
            throw HTTPError(.badRequest, message: "send the file as multipart/form-data")
        }
        // The whole file first, then the import: a list sent from a phone takes minutes, and an
        // import reading it as it came held a database connection, and a transaction, for all of them.
        let spool = try UnnamedFile()
        let (fileName, whole) = try await MultipartUpload.read(request.body, boundary: boundary, csrfToken: context.sessions.session?.csrfToken,
                                                               into: spool, atMost: uploadLimit, logger: context.logger)
        let writeContext = WriteContext(actor: principal.username, role: principal.primaryRole, action: "import.\(kind.rawValue)",
                                        regionCode: roots?.count == 1 ? roots?.first?.value : nil, requestID: context.requestID)
        let outcome: ImportOutcome
        do {
            guard whole else {
                throw ImportProblems([ImportProblem(line: nil, problem: .uploadTooLarge(maximumMegabytes: uploadLimit >> 20))])
            }
            // A list the browser compressed (or a .csv.gz chosen) unpacks to at most what an upload may be.
            let chunks = UnpackedChunks(try spool.chunks(), atMost: uploadLimit)
            let report = try await importer.run(kind, chunks: chunks, fileName: fileName, context: writeContext, scope: roots, checkOnly: checkOnly)
            // A load that changed something is shown by its batch after a redirect, so that reloading
            // the page does not send the file again; so is the same file sent again by the same person
            // minutes later (a second tap), which finds the first's batch. A file that changed nothing,
            // or was only checked, is answered here: sending it again changes nothing either.
            if let id = report.batchID { return redirect("/imports?batch=\(id)") }
            if !checkOnly, report.isNoOp,
               let first = try await batches.recentlyLoaded(kind, sha256: report.sha256, by: principal.username) {
                return redirect("/imports?batch=\(first)&again=1")
            }
            outcome = checkOnly && !report.isNoOp
                ? ImportOutcome(checked: report, kind: kind, fileName: fileName, language: context.language)
                : ImportOutcome(unchanged: report, checkOnly: checkOnly, fileName: fileName, language: context.language)
        } catch let problems as ImportProblems {
            outcome = ImportOutcome(problems: problems, fileName: fileName, language: context.language)
        }
        return try await render(request, context, roots: roots, outcome: outcome,
                                status: outcome.problems.isEmpty ? .ok : whole ? .unprocessableContent : .contentTooLarge)
    }

    private func render(_ request: Request, _ context: AppRequestContext, roots: [RegionCode]?, outcome: ImportOutcome?,
                        status: HTTPResponse.Status, before: Int64? = nil) async throws -> Response {
        // One more than shown, to know whether a page of older ones follows.
        let found = try await batches.recent(within: roots, before: before, limit: ImportsPage.pageSize + 1)
        let page = ImportsPage(csrf: context.csrfToken(), outcome: outcome, batches: found, olderOnly: before != nil, uploadLimit: uploadLimit,
                               language: context.language)
        return try renderer.render("imports", title: "imports_title", content: page, request: request, context: context, status: status)
    }
}

/// What one upload did, or why nothing was loaded.
struct ImportOutcome {
    /// The words before the summary: loaded, or only checked.
    var lead = ""
    var summary: String?
    /// After the same file arrived again from the same person (`?again=1`): that it changed nothing.
    var sentAgain: String?
    /// The units that lose families by removal, "RT 001 (3201...): 18", under their heading: what a
    /// check says a load would do, or what the loaded batch did.
    var removalsHeading = ""
    var removals: [String] = []
    /// The list is shown only with rows (a template reads stored properties only).
    var hasRemovals = false
    /// The units the file does not list whose families it moves into its own.
    var takenHeading = ""
    var takenFromUnitsNotListed: [String] = []
    var hasTakenFromUnitsNotListed = false
    /// For a regions file, the first places it renames or marks otherwise.
    var placeChangesHeading = ""
    var placeChanges: [String] = []
    var hasPlaceChanges = false
    /// The family card numbers, then the heads' NIKs, held by two families or more: a heading, and
    /// a line for each number, its families by id and line.
    var sharedNumbers: [SharedNumbersList] = []
    /// A loaded families list's regencies whose latest re-ranking came before it, and so without it.
    var earlierRunsHeading = ""
    var earlierRuns: [EarlierRun] = []
    var hasEarlierRuns = false
    var problems: [String] = []
    /// How many problems the file has, said beside its name: the list below may be a hundred long.
    var problemCount = ""
    /// How many problems are not shown, and in which columns; nil when every problem is shown.
    var moreProblems: String?
    let fileName: String

    struct EarlierRun { let label: String; let href: String }

    init(batch: ImportBatchRepository.Batch, earlierRuns runs: [(run: RerankRepository.Run, regencyName: String)], language: Language) {
        let t = Translations(language: language)
        earlierRunsHeading = t["imports_earlier_runs"]
        earlierRuns = runs.map { run, name in
            let when = RegionCode.parse(run.regency).map { IndonesianTime.format(run.createdAt, at: $0, languageCode: language.rawValue) } ?? ""
            return EarlierRun(label: t.filling("imports_earlier_run", ["regency": name, "code": run.regency, "run": "\(run.id)",
                                                                      "kind": t[run.provisional ? "rerank_provisional" : "rerank_final"], "when": when]),
                              href: "/regions/\(run.regency)/rerank")
        }
        hasEarlierRuns = !earlierRuns.isEmpty
        let counts = ["file": batch.fileName, "rows": t.number(batch.rows), "added": t.number(batch.added),
                      "changed": t.number(batch.changed), "removed": t.number(batch.removed), "batch": "\(batch.id)"]
        summary = t.filling("imports_summary_\(batch.kind)", counts)
        lead = t["imports_done"]
        fileName = batch.fileName
        list(batch.places, loaded: true, t)
        list(batch.sharedNumbers, t)
    }

    init(checked report: ImportReport, kind: ListKind, fileName: String, language: Language) {
        let t = Translations(language: language)
        let counts = ["file": fileName, "rows": t.number(report.rows), "added": t.number(report.added),
                      "changed": t.number(report.changed), "removed": t.number(report.removed)]
        summary = t.filling("imports_checked_\(kind.rawValue)", counts)
        lead = t["imports_checked"]
        self.fileName = fileName
        list(report.places, loaded: false, t)
        list(report.sharedNumbers, t)
    }

    private mutating func list(_ places: ChangedPlaces, loaded: Bool, _ t: Translations) {
        let unitLine = { (unit: ChangedPlaces.UnitFamilies) in
            t.filling("imports_removal", ["unit": unit.name, "code": unit.code, "families": t.number(unit.families)])
        }
        removalsHeading = t[loaded ? "imports_removed" : "imports_removals"]
        removals = places.removals.map(unitLine)
        hasRemovals = !removals.isEmpty
        takenHeading = t[loaded ? "imports_moved" : "imports_taken"]
        takenFromUnitsNotListed = places.takenFromUnitsNotListed.map(unitLine)
        hasTakenFromUnitsNotListed = !takenFromUnitsNotListed.isEmpty
        placeChangesHeading = t[loaded ? "imports_places_changed" : "imports_place_changes"]
        placeChanges = places.placeChanges.map { place in
            let changes = [place.newName.map { t.filling("imports_renamed", ["name": $0]) },
                           place.nonSLS.map { t[$0 ? "imports_marked_non_sls" : "imports_unmarked_non_sls"] }]
            return t.filling("imports_place_change", ["place": place.name, "code": place.code,
                                                      "changes": changes.compactMap { $0 }.joined(separator: ", ")])
        }
        hasPlaceChanges = !placeChanges.isEmpty
    }

    private mutating func list(_ shared: SharedNumbers, _ t: Translations) {
        let columns = [("imports_shared_kk_numbers", shared.familyCards), ("imports_shared_head_niks", shared.headNIKs)]
        sharedNumbers = columns.filter { $0.1.numbers > 0 }.map { key, column in
            var lines = column.groups.map { group in
                let families = group.shown.map { holder in
                    holder.line.map { t.filling("imports_shared_holder", ["family": holder.familyID, "line": t.number($0)]) }
                        ?? t.filling("imports_shared_holder_outside", ["family": holder.familyID])
                }
                let more = group.families - group.shown.count
                return families.joined(separator: ", ") + (more > 0 ? " " + t.filling("imports_shared_more_families", ["count": t.number(more)]) : "")
            }
            if column.numbers > column.groups.count {
                lines.append(t.filling("imports_shared_more_numbers", ["count": t.number(column.numbers - column.groups.count)]))
            }
            return SharedNumbersList(heading: t.filling(key, ["count": t.number(column.numbers)]), lines: lines)
        }
    }

    init(unchanged report: ImportReport, checkOnly: Bool, fileName: String, language: Language) {
        let t = Translations(language: language)
        summary = t.filling("imports_summary_unchanged", ["file": fileName, "rows": t.number(report.rows)])
        lead = t[checkOnly ? "imports_checked" : "imports_done"]
        self.fileName = fileName
        list(report.sharedNumbers, t)
    }

    init(problems: ImportProblems, fileName: String, language: Language) {
        let t = Translations(language: language)
        self.problems = problems.shown.map { Messages.importProblem($0, language) }
        problemCount = problems.total == 1 ? t["imports_problem_count_one"] : t.filling("imports_problem_count", ["count": t.number(problems.total)])
        if problems.total > problems.shown.count {
            let places = problems.unshown.map { place in
                place.column.map { t.filling("imports_more_in", ["count": t.number(place.count), "column": $0]) }
                    ?? t.filling("imports_more_lines", ["count": t.number(place.count)])
            }
            moreProblems = t.number(problems.total - problems.shown.count) + (places.isEmpty ? "" : " (\(places.joined(separator: ", ")))")
        }
        self.fileName = fileName
    }
}

/// One column's personal numbers held by two families or more, under their heading.
struct SharedNumbersList {
    var heading: String
    var lines: [String]
}

struct ImportsPage {
    struct Row { let id: Int64; let kind: String; let fileName: String; let actor: String; let when: String; let counts: String; let sha: String }

    let csrf: String
    let outcome: ImportOutcome?
    let hasProblems: Bool
    /// Bytes of the largest file an upload may hold: the page's script refuses a larger one before
    /// sending it (minutes of a weak connection spent on a file refused at its end).
    let uploadLimit: Int
    let rows: [Row]
    /// The table is shown only with rows (a template reads stored properties only).
    let hasRows: Bool
    /// The page of the batches before the last one shown, when there are any.
    let olderHref: String?
    /// Said where no batch is listed: none yet, or none older than a page's.
    let noneText: String

    /// Batches a page: a province's staff see every regency's.
    static let pageSize = 50

    /// `batches`: up to one more than a page, newest first; the one more tells that older ones follow.
    init(csrf: String, outcome: ImportOutcome?, batches: [ImportBatchRepository.Batch], olderOnly: Bool = false, uploadLimit: Int,
         language: Language) {
        self.csrf = csrf
        self.uploadLimit = uploadLimit
        self.outcome = outcome
        hasProblems = !(outcome?.problems.isEmpty ?? true)
        let t = Translations(language: language)
        noneText = t[olderOnly ? "imports_none_older" : "imports_none"]
        let shown = batches.prefix(Self.pageSize)
        olderHref = batches.count > Self.pageSize ? shown.last.map { "/imports?before=\($0.id)" } : nil
        rows = shown.map {
            Row(id: $0.id, kind: t.name("imports_kind_\($0.kind)", or: $0.kind), fileName: $0.fileName, actor: $0.actor,
                when: AuditLine.westernIndonesianTime($0.createdAt),
                counts: "\(t.number($0.rows)) · +\(t.number($0.added)) · ~\(t.number($0.changed)) · −\(t.number($0.removed))",
                sha: String($0.sha256.prefix(16)))
        }
        hasRows = !rows.isEmpty
    }
}
