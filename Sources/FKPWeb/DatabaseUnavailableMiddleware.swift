import FKPStore
import HTTPTypes
import Hummingbird
import Logging

/// While PostgreSQL is down (restarting, failing over), a request is answered at once with a 503
/// page in the person's language that says their input was not saved, and `Retry-After`, so a
/// proxy or a person tries again; the pool reconnects by itself when the database returns.
struct DatabaseUnavailableMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let renderer: PageRenderer

    struct Content { let requestID: String }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let sessionRead = SessionRead(pageForum: ReviewController.forumOfPage(request))
        do {
            let response = try await SessionRead.$current.withValue(sessionRead) { try await next(request, context) }
            // Served as if nobody were logged in (a redirect to the login page, a form "expired"):
            // the answer is wrong, the database being down is the truth.
            if sessionRead.outageHappened { throw DatabaseUnavailable(reason: "the session could not be read") }
            return response
        } catch let error as DatabaseUnavailable {
            context.logger.warning("database unavailable", metadata: ["reason": "\(error.reason)"])
            var response = try renderer.render("unavailable", title: "unavailable_title", content: Content(requestID: context.requestID),
                                               request: request, context: context, status: .serviceUnavailable)
            response.headers[.retryAfter] = "5"
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }
}
