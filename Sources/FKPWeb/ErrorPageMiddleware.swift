import FKPStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Turns errors into pages a person can read, in their language: a page that needs a login sends
/// to the login page; "not found", "forbidden" and other refusals of a request get their own pages
/// (keeping their status); unexpected errors are logged
/// with the request id, which the page shows so a report can be matched to the log.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer

    struct Content { let requestID: String; let message: String?; var back: String? = nil }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch is LoginRequired {
            return redirect(loginPath(next: request.method == .get ? request.uri.description : nil))
        } catch let refusal as any ExplainedRefusal {
            return try renderer.render("request-refused", title: "request_refused_title",
                                       content: Content(requestID: context.requestID, message: refusal.message(Translations(language: context.language)),
                                                        back: refusal.back),
                                       request: request, context: context, status: refusal.status)
        } catch let error as HTTPError where error.status == .notFound {
            return try page("not-found", "not_found_title", .notFound, request, context)
        } catch let error as HTTPError where error.status == .forbidden {
            let t = Translations(language: context.language)
            let message = error.body == "csrf" ? t["csrf_refused"] : t["forbidden_text"]
            return try renderer.render("forbidden", title: "forbidden_title", content: Content(requestID: context.requestID, message: message),
                                       request: request, context: context, status: .forbidden)
        } catch let error as HTTPError where error.status.code < 500 {
            // Any other refusal of the request (a form that cannot be read, a body too large...)
            // gets a page in the person's language, with the status kept.
            let t = Translations(language: context.language)
            let key = error.status == .badRequest ? "bad_request_text"
                : error.status == .contentTooLarge ? "too_large_text" : "request_refused_text"
            return try renderer.render("request-refused", title: "request_refused_title",
                                       content: Content(requestID: context.requestID, message: t[key]),
                                       request: request, context: context, status: error.status)
        } catch let error where DatabaseRefusal(error)?.isRuleRefusal == true {
            // A rule the database holds and no handler checked first: nothing was written, and the
            // person is told so instead of seeing an error. The log names the rule, not the values.
            let refusal = DatabaseRefusal(error)
            context.logger.notice("request refused by the database",
                                  metadata: ["sqlstate": "\(refusal?.sqlState ?? "")", "constraint": "\(refusal?.constraint ?? "")"])
            return try renderer.render("request-refused", title: "request_refused_title",
                                       content: Content(requestID: context.requestID, message: Translations(language: context.language)["database_refused_text"]),
                                       request: request, context: context, status: .conflict)
        } catch let error as DatabaseUnavailable {
            throw error  // DatabaseUnavailableMiddleware answers it, also for the session middleware outside
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(LoggedError.text(error))"])
            return try page("error", "error_title", .internalServerError, request, context)
        }
    }

    private func page(_ template: String, _ title: String, _ status: HTTPResponse.Status, _ request: Request,
                      _ context: Context) throws -> Response {
        try renderer.render(template, title: title, content: Content(requestID: context.requestID, message: nil),
                            request: request, context: context, status: status)
    }
}
