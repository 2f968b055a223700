import FKPStore
import HTTPTypes
import Hummingbird

/// `/metrics` for Prometheus, only from the addresses in FKP_METRICS_ALLOW (as the server sees
/// the client: behind a trusted proxy, the forwarded address), so a page visitor never reads it.
struct MetricsController {
    let metrics: ServerMetrics
    let database: Database
    let poolSize: Int
    let allowed: Set<String>

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/metrics", use: scrape)
    }

    @Sendable func scrape(_ request: Request, context: AppRequestContext) async -> Response {
        guard allowed.contains(context.clientAddress) else {
            return HealthController.plain(.forbidden, "metrics are not served to \(context.clientAddress)\n")
        }
        let counts = try? await OperationalCountsRepository(database: database).counts()
        let text = metrics.exposition(pool: database.poolUse.current, poolSize: poolSize, counts: counts)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: text)))
    }
}
