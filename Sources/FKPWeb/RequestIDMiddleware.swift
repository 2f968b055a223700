import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id (the proxy's `X-Request-Id` when it sends a sane one), puts it on
/// every log line of the request and on the response, so a user's report can be found in the logs.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let incoming = request.headers[.xRequestID]
        let id = incoming.flatMap { Self.isSane($0) ? $0 : nil } ?? context.id
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response = try await next(request, context)
        response.headers[.xRequestID] = id
        return response
    }

    static func isSane(_ value: String) -> Bool {
        (1...64).contains(value.utf8.count)
            && value.utf8.allSatisfy { $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }
}

extension HTTPField.Name {
    static let xRequestID = Self("X-Request-Id")!
}
