import FKPCore
import FKPStore
import Foundation
import NIOConcurrencyHelpers
import Prometheus

/// This process's figures in the Prometheus text format: requests by route and status, their
/// latency, the database pool, and (read from the database at each scrape) forums by state and
/// audit entries. One registry per application, so tests can build several side by side.
final class ServerMetrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let inFlight: Gauge
    /// The series of each (method, route, status) once made: the registry checks a series' name
    /// and labels each time it is asked for one, a percent of a kept review page's cost.
    private let requestSeries = NIOLockedValueBox<[RequestSeriesKey: RequestSeries]>([:])
    private let reviewPageLookups: (hit: Counter, miss: Counter)
    private static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
    ]

    init() {
        inFlight = registry.makeGauge(descriptor: .init(namespace: "fkp", metricName: "http_requests_in_flight", unitName: "",
                                                        helpText: "Requests being served now"))
        let lookups = MetricNameDescriptor(namespace: "fkp", metricName: "review_page_cache_lookups", unitName: "total",
                                           helpText: "Review pages looked for among those kept, by whether one could be served")
        reviewPageLookups = (registry.makeCounter(descriptor: lookups, labels: [("outcome", "hit")]),
                             registry.makeCounter(descriptor: lookups, labels: [("outcome", "miss")]))
    }

    func requestStarted() { inFlight.increment() }

    /// A request answered: `route` is the matched route pattern (never the raw path, so the
    /// number of series stays bounded), "unmatched" for static files and pages not found.
    func requestFinished(method: String, route: String, status: Int, duration: Duration) {
        inFlight.decrement()
        let series = requestSeries.withLockedValue { made in
            let key = RequestSeriesKey(method: method, route: route, status: status)
            if let series = made[key] { return series }
            let series = RequestSeries(
                answered: registry.makeCounter(
                    descriptor: .init(namespace: "fkp", metricName: "http_requests", unitName: "total",
                                      helpText: "Requests answered, by method, route and status"),
                    labels: [("method", method), ("route", route), ("status", String(status))]),
                duration: registry.makeDurationHistogram(
                    descriptor: .init(namespace: "fkp", metricName: "http_request_duration", unitName: "seconds",
                                      helpText: "Time from request to the last byte of the response"),
                    labels: [("method", method), ("route", route)], buckets: Self.latencyBuckets))
            made[key] = series
            return series
        }
        series.answered.increment()
        series.duration.record(duration)
    }

    /// A review page looked for among those kept (ReviewPageCache).
    func reviewPageLookup(found: Bool) {
        (found ? reviewPageLookups.hit : reviewPageLookups.miss).increment()
    }

    /// The text of one scrape. `counts` is nil when the database did not answer.
    func exposition(pool: PoolUse.Figures, poolSize: Int, counts: OperationalCountsRepository.Counts?) -> [UInt8] {
        gauge("db_pool_connections_leased", "Database connections in use by requests", []).set(to: Double(pool.leased))
        gauge("db_pool_requests_waiting", "Requests waiting for a database connection", []).set(to: Double(pool.waiting))
        gauge("db_pool_connections_max", "Largest number of database connections (FKP_DB_POOL_SIZE)", []).set(to: Double(poolSize))
        gauge("database_up", "1 when the database answered this scrape", []).set(to: counts == nil ? 0 : 1)
        if let counts {
            for state in ForumState.allCases {
                gauge("forums", "Forums by state, in the whole database", [("state", state.rawValue)])
                    .set(to: Double(counts.forumsByState[state] ?? 0))
            }
            gauge("audit_entries", "Entries in the audit trail, in the whole database", []).set(to: Double(counts.auditEntries))
        }
        return registry.emitToBuffer()
    }

    private func gauge(_ name: String, _ help: String, _ labels: [(String, String)]) -> Gauge {
        registry.makeGauge(descriptor: .init(namespace: "fkp", metricName: name, unitName: "", helpText: help), labels: labels)
    }
}

private struct RequestSeriesKey: Hashable {
    let method: String
    let route: String
    let status: Int
}

private struct RequestSeries {
    let answered: Counter
    let duration: DurationHistogram
}
