import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging

/// Every state-changing request must carry the session's CSRF token: the form field `csrf_token`,
/// the `X-CSRF-Token` header, or (for file uploads, whose bodies are not read here) the query.
/// Without a valid token the request is refused with 403 before any handler runs.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let fieldName = "csrf_token"
    static let maximumFormBytes = 1 << 20

    private struct Form: Decodable { let csrf_token: String? }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        var request = request
        var provided: String? = request.headers[.xCSRFToken] ?? request.uri.queryParameters[Substring(Self.fieldName)].map(String.init)
        if provided == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: Self.maximumFormBytes)
            provided = (try? URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body)))?.csrf_token
        }
        guard let expected = context.sessions.session?.csrfToken, let provided, Token.equal(expected, provided) else {
            context.logger.notice("request refused: missing or stale CSRF token")
            throw HTTPError(.forbidden, message: "csrf")
        }
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xCSRFToken = Self("X-CSRF-Token")!
}
