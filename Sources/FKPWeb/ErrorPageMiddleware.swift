import Hummingbird
import Logging

/// Turns errors into pages a person can read, in their language. Unexpected errors are logged with
/// the request id, which the page shows so a report can be matched to the log.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer

    struct Content { let requestID: String }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            return try renderer.render("not-found", title: "not_found_title", content: Content(requestID: context.requestID),
                                       request: request, context: context, status: .notFound)
        } catch let error as HTTPError where error.status.code < 500 {
            throw error
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            return try renderer.render("error", title: "error_title", content: Content(requestID: context.requestID),
                                       request: request, context: context, status: .internalServerError)
        }
    }
}
