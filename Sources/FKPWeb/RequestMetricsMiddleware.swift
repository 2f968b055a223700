import HTTPTypes
import Hummingbird

/// Counts every request and times it to the last byte written (a streamed export included).
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        // Hummingbird names a request no route matched "NotFound", even when a static file answers it.
        @Sendable func route() -> String { context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched" }
        // A client may send any method name: only the known ones get a series of their own.
        let method = Self.knownMethods.contains(request.method) ? request.method.rawValue : "other"
        metrics.requestStarted()
        do {
            var response = try await next(request, context)
            let status = response.status.code
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                defer {
                    metrics.requestFinished(method: method, route: route(), status: status,
                                            duration: ContinuousClock.now - started)
                }
                try await body.write(writer)
            }
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.requestFinished(method: method, route: route(), status: status,
                                    duration: ContinuousClock.now - started)
            throw error
        }
    }

    static let knownMethods: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete, .options]
}
