import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging

/// Every state-changing request must carry the session's CSRF token: the form field `csrf_token`
/// or the `X-CSRF-Token` header. A file upload's body is not read here (it may be hundreds of
/// megabytes): its token is the form's first field, which its handler checks before it keeps a
/// byte of the file (`MultipartUpload`). Never in the address, which logs and proxies keep.
/// Any other request without a valid token is refused with 403 before its handler runs; but a login
/// form left open past its session's idle time (a shared computer showing it all day) sends the
/// person back to a fresh login form that says why, a stale logout form to the login page, a stale
/// password form to a page that says whether the password was changed; and
/// a form of the forum's pages sent after its session ended is held, not lost (`HeldForm`).
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let fieldName = "csrf_token"
    static let maximumFormBytes = 1 << 20

    private struct Form: Decodable { let csrf_token: String?; let next: String? }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        var request = request
        var provided: String? = request.headers[.xCSRFToken]
        var afterLogin: String?
        var formBody: String?
        if provided == nil, ImportController.uploadPaths.contains(request.uri.path),
           MultipartUpload.boundary(of: request.headers[.contentType]) != nil {
            return try await next(request, context)
        }
        if provided == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            formBody = String(buffer: try await request.collectFormBody())
            let form = try? URLEncodedFormDecoder().decode(Form.self, from: formBody ?? "")
            (provided, afterLogin) = (form?.csrf_token, form?.next)
        }
        guard let expected = context.sessions.session?.csrfToken, let provided, Token.equal(expected, provided) else {
            context.logger.notice("request refused: missing or stale CSRF token")
            switch request.uri.path {
            case "/login": return redirect(loginPath(next: afterLogin, expired: true))
            case "/logout": return redirect("/login")
            // Sent twice, the form's second sending holds the token of the session its first replaced:
            // the page it leads to says whether the password was changed (never held: it holds passwords).
            case PasswordController.path: return redirect(PasswordController.sentPath)
            default:
                guard let held = formBody.flatMap({ HeldForm(request, body: $0) }) else { throw HTTPError(.forbidden, message: "csrf") }
                // Kept in this browser's session (a new one if it has none left), shown once the person has signed in.
                _ = context.csrfToken()
                context.sessions.withLockedSession { $0?.heldForm = held }
                context.logger.notice("form held until the person signs in again")
                return redirect(context.principal == nil ? "/login" : HeldFormController.path)
            }
        }
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xCSRFToken = Self("X-CSRF-Token")!
}
