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
        let content: Content
    }

    func render<Content>(_ template: String, title: String, content: Content, request: Request,
                         context: AppRequestContext, status: HTTPResponse.Status = .ok) throws -> Response {
        let t = Translations(language: context.language)
        let layout = Layout(t: t, lang: context.language.rawValue, title: t[title],
                            switchLanguageURL: "\(request.uri.path)?lang=\(context.language.other.rawValue)",
                            requestID: context.requestID, user: context.principal?.displayName,
                            csrf: context.principal == nil ? nil : context.csrfToken(),
                            canSeeUsers: context.principal?.assignments.contains { AccessPolicy.permits($0, .viewUsers) } == true,
                            canImport: context.principal?.assignments.contains { AccessPolicy.permits($0, .importLists) } == true,
                            canAudit: context.principal?.assignments.contains { AccessPolicy.permits($0, .viewAudit) } == true,
                            content: content)
        guard let html = library.render(layout, withTemplate: template) else {
            throw HTTPError(.internalServerError, message: "template \(template) is missing")
        }
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
