import FKPCore
import FKPStore
import Foundation
import Hummingbird

/// The auditor's view of the change history: a filtered, paginated browser; exports of a forum's or
/// region's chains with their signed manifest; and the public key that checks the signatures.
struct AuditController {
    let renderer: PageRenderer
    let forums: ForumRepository
    let browser: AuditBrowser
    let exporter: AuditExporter
    let key: ExportSigningKey

    static let pageSize = 50

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/audit", use: show)
        router.get("/audit/export", use: exportFile)
        router.get("/audit/export/manifest", use: exportManifest)
        router.get("/audit/public-key", use: publicKey)
    }

    @Sendable func publicKey(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: key.publicKey + "\n")))
    }

    /// A filter field that cannot be read: the page names it instead of quietly leaving it out
    /// (a forum typed "1a" would have listed every forum's changes).
    enum FilterProblem: String, CaseIterable {
        case forum, region, from, to, range
    }

    /// The query's filter; a date is a day in Western Indonesia time, `to` included.
    static func filter(_ request: Request) -> (AuditBrowser.Filter, AuditFilterForm, [FilterProblem]) {
        let q = request.formQuery
        func text(_ name: String) -> String? { q[name].map { $0.removingInvisibleCharacters.trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 } }
        let form = AuditFilterForm(forum: text("forum"), region: text("region"), family: text("family"), actor: text("actor"),
                                   action: text("action"), from: text("from"), to: text("to"))
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = AuditLine.zone
        let filter = AuditBrowser.Filter(
            forumID: form.forum.flatMap { Int64($0) }, region: form.region.flatMap(RegionCode.parse), familyID: form.family,
            actor: form.actor, action: form.action.map { Messages.auditedActions.contains($0) ? .exactly($0) : .startingWith($0) },
            from: form.from.flatMap(day.date(from:)),
            to: form.to.flatMap(day.date(from:)).map { $0.addingTimeInterval(86_400) })
        var problems: [FilterProblem] = []
        if form.forum != nil && filter.forumID == nil { problems.append(.forum) }
        if form.region != nil && filter.region == nil { problems.append(.region) }
        if form.from != nil && filter.from == nil { problems.append(.from) }
        if form.to != nil && filter.to == nil { problems.append(.to) }
        if let from = filter.from, let to = filter.to, to <= from { problems.append(.range) }
        return (filter, form, problems)
    }

    /// Checks the person may read the audit of what the filter names, and the places they may read.
    private func scope(_ filter: AuditBrowser.Filter, _ context: AppRequestContext, _ action: AccessAction) async throws -> [RegionCode]? {
        guard let principal = context.principal else { throw LoginRequired() }
        if let id = filter.forumID {
            guard let forum = try await forums.summary(id) else { throw HTTPError(.notFound) }
            try context.authorize(action, forum.resource)
        }
        if let region = filter.region { try context.authorize(action, .region(region)) }
        let roots = AccessPolicy.roots(principal, for: action)
        if let roots, roots.isEmpty { throw HTTPError(.notFound) }
        return roots
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (filter, form, problems) = Self.filter(request)
        let roots = try await scope(filter, context, .viewAudit)
        guard problems.isEmpty else {
            let t = Translations(language: context.language)
            let page = AuditPage(entries: [], imports: [], hasMore: false, form: form, until: nil,
                                 errors: problems.map { t["audit_error_\($0.rawValue)"] }, language: context.language)
            return try renderer.render("audit", title: "audit_title", content: page, request: request, context: context, status: .badRequest)
        }
        let before = request.uri.queryParameters["before"].flatMap { Int64(String($0)) }
        let found = try await browser.entries(filter, within: roots, before: before, limit: Self.pageSize + 1)
        // A family's loads, or a place's, head the first page: the batch that added it has no entry naming it.
        let imports = before == nil ? try await browser.importedLoads(filter, within: roots) : []
        // Exports are of a forum or a region; whether this one may be taken is checked on download.
        let exportable = (filter.forumID != nil || filter.region != nil)
            && context.principal.map { AccessPolicy.roots($0, for: .exportAudit).map { !$0.isEmpty } ?? true } == true
        let entries = Array(found.prefix(Self.pageSize))
        let references = AuditLine.references(in: entries)
        let names = try await browser.referenceNames(userIDs: references.userIDs,
                                                     placeCodes: references.placeCodes.union(ImportedLoadLine.placeCodes(in: imports)))
        let page = AuditPage(entries: entries, names: names,
                             imports: imports, hasMore: found.count > Self.pageSize, form: form,
                             until: exportable ? try await exporter.latestEntryID() : nil, errors: [], language: context.language)
        return try renderer.render("audit", title: "audit_title", content: page, request: request, context: context)
    }

    private func exportRequest(_ request: Request, _ context: AppRequestContext)
        async throws -> (AuditExporter.Scope, AuditExportLine.Format, Int64, AuditInstant?, AuditInstant?) {
        let (filter, _, problems) = Self.filter(request)
        _ = try await scope(filter, context, .exportAudit)
        guard problems.isEmpty else {
            throw HTTPError(.badRequest, message: "the filter cannot be read: " + problems.map(\.rawValue).joined(separator: ", "))
        }
        let q = request.uri.queryParameters
        guard let format = q["format"].flatMap({ AuditExportLine.Format(rawValue: String($0)) }),
              let until = q["until"].flatMap({ Int64(String($0)) }) else { throw HTTPError(.badRequest, message: "format and until are required") }
        let (from, to) = (filter.from.map(AuditInstant.init), filter.to.map(AuditInstant.init))
        if let forum = filter.forumID { return (.forum(forum), format, until, from, to) }
        guard let region = filter.region else { throw HTTPError(.badRequest, message: "an export is of a forum or a region") }
        return (.region(region), format, until, from, to)
    }

    @Sendable func exportFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (scope, format, until, from, to) = try await exportRequest(request, context)
        let exporter = exporter, key = key
        var headers = HTTPFields()
        headers[.contentType] = format == .jsonl ? "application/jsonl; charset=utf-8" : "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"audit-\(Self.name(scope))-\(until).\(format.rawValue)\""
        // The export into a spool at the database's pace, the download from it at the browser's: see ExportSpool.
        return Response(status: .ok, headers: headers, body: ExportSpool.body { append in
            _ = try await exporter.export(scope, from: from, to: to, format: format, untilEntry: until, key: key, write: append)
        })
    }

    @Sendable func exportManifest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (scope, format, until, from, to) = try await exportRequest(request, context)
        // The same export again, written nowhere: only its hashes and counts are kept.
        let manifest = try await exporter.export(scope, from: from, to: to, format: format, untilEntry: until, key: key) { _ in }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentDisposition] = "attachment; filename=\"audit-\(Self.name(scope))-\(until).\(format.rawValue).manifest.json\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Array(try manifest.encoded()))))
    }

    static func name(_ scope: AuditExporter.Scope) -> String {
        switch scope {
        case .forum(let id): "forum\(id)"
        case .region(let code): "region\(code.value)"
        }
    }
}

/// The filter as typed, to fill the form again and to build the page links.
struct AuditFilterForm {
    let forum: String?
    let region: String?
    let family: String?
    let actor: String?
    let action: String?
    let from: String?
    let to: String?

    /// The filter as a query string (escaped), without a leading '?'.
    var query: String {
        [("forum", forum), ("region", region), ("family", family), ("actor", actor), ("action", action), ("from", from), ("to", to)]
            .compactMap { name, value in
                value.map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: .urlQueryValueAllowed) ?? "")" }
            }.joined(separator: "&")
    }
}

extension CharacterSet {
    static let urlQueryValueAllowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))
}

/// What the audit template shows.
struct AuditPage {
    let lines: [AuditLine]
    let hasLines: Bool
    /// The loads of the family filtered on, or else of the place, by import batches, newest first.
    let imports: [ImportedLoadLine]
    let hasImports: Bool
    let importsTitle: String
    let importsIntro: String
    let olderHref: String?
    let form: AuditFilterForm
    /// The actions offered to the filter's action field, by their names, in the reader's language.
    let actionChoices: [FormOption]
    let exports: [Export]
    let hasExports: Bool
    /// The filter fields that could not be read, in words; nothing is listed while there are any.
    let errors: [String]

    struct Export { let label: String; let file: String; let manifest: String }

    init(entries: [AuditEntry], names: AuditBrowser.ReferenceNames = .init(), imports: [AuditBrowser.ImportedLoad], hasMore: Bool,
         form: AuditFilterForm, until: Int64?, errors: [String], language: Language) {
        let t = Translations(language: language)
        lines = entries.map { AuditLine($0, names: names, t: t) }
        hasLines = !lines.isEmpty
        self.imports = ImportedLoadLine.lines(imports, names: names, t: t)
        hasImports = !self.imports.isEmpty
        // The loads are all of the one family, or of the one place, filtered on.
        let ofPlace = imports.first?.row.subject == .place
        importsTitle = t[ofPlace ? "audit_place_imports_title" : "audit_imports_title"]
        importsIntro = t[ofPlace ? "audit_place_imports_intro" : "audit_imports_intro"]
        self.errors = errors
        let query = form.query
        olderHref = hasMore ? entries.last.map { "/audit?\(query.isEmpty ? "" : query + "&")before=\($0.id)" } : nil
        self.form = form
        actionChoices = Messages.auditedActions
            .map { FormOption(value: $0, label: t.name("action_\($0.replacingOccurrences(of: ".", with: "_"))", or: $0)) }
            .sorted { $0.label < $1.label }
        exports = until.map { until in
            AuditExportLine.Format.allCases.map { format in
                let base = "/audit/export?\(query)&format=\(format.rawValue)&until=\(until)"
                return Export(label: format.rawValue.uppercased(), file: base,
                              manifest: base.replacingOccurrences(of: "/audit/export?", with: "/audit/export/manifest?"))
            }
        } ?? []
        hasExports = !exports.isEmpty
    }
}
