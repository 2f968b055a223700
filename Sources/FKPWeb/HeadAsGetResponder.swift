import Hummingbird

/// HEAD asks for what GET would answer, without the body (RFC 9110, 9.3.2): link checkers and
/// uptime monitors send it, and the routes are GET routes, found by method before any middleware
/// runs. So the whole router is wrapped: a HEAD request is answered as the GET, its status and
/// headers (the length included) kept, its body left out.
struct HeadAsGetResponder<Router: HTTPResponder>: HTTPResponder where Router.Context == AppRequestContext {
    typealias Context = AppRequestContext
    let router: Router

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .head else { return try await router.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var response = try await router.respond(to: Request(head: head, body: request.body), context: context)
        response.body = ResponseBody(contentLength: response.body.contentLength) { writer in try await writer.finish(nil) }
        return response
    }
}
