import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Behind nginx every request comes from the proxy: the address of the person is in
/// X-Forwarded-For, which nginx sets (never appends; deploy/nginx/fkp-locations.conf). The header
/// is believed only from the proxies named in FKP_TRUSTED_PROXIES; from anyone else it is ignored,
/// so a client cannot choose the address that login throttling and the security log see.
struct ForwardedForMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trustedProxies: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if trustedProxies.contains(context.clientAddress),
           let forwarded = request.headers[.xForwardedFor]?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
           !forwarded.isEmpty {
            context.clientAddress = forwarded
        }
        context.logger[metadataKey: "client"] = .string(context.clientAddress)
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
