import FKPStore
import HTTPTypes
import Hummingbird

/// `/healthz`: the process answers. `/readyz`: the database answers and its schema is current,
/// so a load balancer sends traffic only to servers that can serve it.
struct HealthController {
    let database: Database
    let migrator: Migrator

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz", use: health)
        router.get("/readyz", use: readiness)
    }

    @Sendable func health(_ request: Request, context: AppRequestContext) -> Response {
        Self.plain(.ok, "ok\n")
    }

    @Sendable func readiness(_ request: Request, context: AppRequestContext) async -> Response {
        guard await database.isReachable() else {
            return Self.plain(.serviceUnavailable, "not ready: the database does not answer\n")
        }
        do {
            let (migrator, logger) = (migrator, context.logger)
            let status = try await database.read { try await migrator.status(on: $0, logger: logger) }
            guard status.isCurrent else {
                let detail = (status.pending.map { "pending \($0)" } + status.changed.map { "changed \($0)" }
                    + status.unknown.map { "unknown migration \($0)" }).joined(separator: ", ")
                return Self.plain(.serviceUnavailable, "not ready: migrations are not current (\(detail))\n")
            }
            return Self.plain(.ok, "ready\n")
        } catch {
            return Self.plain(.serviceUnavailable, "not ready: \(error)\n")
        }
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
