import Foundation
import HTTPTypes
import FKPCore
import Hummingbird
import Mustache

/// Renders a page template inside the layout, with the catalogue of the request's language.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// What the layout needs around every page's own view-model (`content`).
    struct Layout<Content>: @unchecked Sendable {
        let t: Translations
        let lang: String
        let title: String
        let switchLanguageURL: String
        let requestID: String
        /// The signed-in person's name, and the token for the logout form; nil when nobody is.
        let user: String?
        let csrf: String?
        let canSeeUsers: Bool
        let canImport: Bool
        let canAudit: Bool
        let hasOwnForums: Bool
        let content: Content
    }

    /// `bulk`, when the content holds one, is written where its marker stands (see BulkMarkup).
    func render<Content>(_ template: String, title: String, content: Content, request: Request,
                         context: AppRequestContext, status: HTTPResponse.Status = .ok, bulk: BulkMarkup? = nil) throws -> Response {
        Self.response(try page(template, title: title, content: content, request: request, context: context, bulk: bulk), status: status)
    }

    /// The page's HTML (what `render` answers with).
    func page<Content>(_ template: String, title: String, content: Content, request: Request,
                       context: AppRequestContext, bulk: BulkMarkup? = nil) throws -> ByteBuffer {
        let t = Translations(language: context.language)
        let layout = Layout(t: t, lang: context.language.rawValue, title: t[title],
                            switchLanguageURL: Self.switchingLanguage(request, to: context.language.other),
                            requestID: context.requestID, user: context.principal?.displayName,
                            csrf: context.principal == nil ? nil : context.csrfToken(),
                            canSeeUsers: context.principal?.assignments.contains { AccessPolicy.permits($0, .viewUsers) } == true,
                            canImport: context.principal?.assignments.contains { AccessPolicy.permits($0, .importLists) } == true,
                            canAudit: context.principal?.assignments.contains { AccessPolicy.permits($0, .viewAudit) } == true,
                            hasOwnForums: context.principal.map(MyForumsPage.isOffered) ?? false,
                            content: content)
        guard let html = library.render(layout, withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "template \(template) is missing")
        }
        return try Self.body(html, splicing: bulk)
    }

    static func response(_ html: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"], body: .init(byteBuffer: html))
    }

    /// The same page, with the same filter or moment, in the other language.
    /// A page answering a form (the form again, with what was wrong) has no address to be asked for
    /// again: there it is the page the form was sent from (its Referer, a path of this site), or the
    /// start page.
    static func switchingLanguage(_ request: Request, to language: Language) -> String {
        var (path, query) = (request.uri.path, request.uri.query ?? "")
        if request.method != .get {
            let sender = request.headers[.referer].flatMap(URL.init(string:))
            let page = safeLocalPath(sender.map { $0.path + ($0.query.map { "?" + $0 } ?? "") })
            let parts = page.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            (path, query) = (String(parts[0]), parts.count == 2 ? String(parts[1]) : "")
        }
        let kept = query.split(separator: "&").filter { !$0.hasPrefix("lang=") }
        return path + "?" + (kept + ["lang=\(language.rawValue)"]).joined(separator: "&")
    }

    static func body(_ html: String, splicing bulk: BulkMarkup?) throws -> ByteBuffer {
        guard let bulk else { return ByteBuffer(string: html) }
        var html = html
        var marker = bulk.marker
        return try html.withUTF8 { page in
            try marker.withUTF8 { marker in
                // A plain scan: the generic firstRange(of:) took longer than the whole page's template.
                guard let start = (0..<max(page.count - marker.count + 1, 0)).first(where: { at in
                    page[at] == marker[0] && memcmp(page.baseAddress! + at, marker.baseAddress!, marker.count) == 0
                }) else {
                    throw HTTPError(.internalServerError, message: "the template shows no place for its bulk markup")
                }
                var buffer = ByteBufferAllocator().buffer(capacity: page.count - marker.count + bulk.bytes.readableBytes)
                buffer.writeBytes(UnsafeBufferPointer(rebasing: page[..<start]))
                buffer.writeImmutableBuffer(bulk.bytes)
                buffer.writeBytes(UnsafeBufferPointer(rebasing: page[(start + marker.count)...]))
                return buffer
            }
        }
    }
}
