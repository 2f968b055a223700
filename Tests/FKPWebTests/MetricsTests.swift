import FKPStore
import FKPTestSupport
import FKPWeb
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import XCTest

/// `/metrics`: what Prometheus reads, and only from the addresses allowed to read it.
final class MetricsTests: XCTestCase {
    func testMetricsCountRequestsAndReadForumsAndAuditEntriesFromTheDatabase() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world)
            let app = try await buildApplication(config: try await WebTest.serverConfig(url), logger: TestPostgres.logger)
            try await app.test(.live) { client in
                var browser = TestBrowser(client)
                for _ in 0..<3 { try await browser.get("/login") }
                try await browser.get("/tidak-ada")
                let scrape = try await browser.get("/metrics")
                XCTAssertEqual(scrape.status, .ok)
                XCTAssertEqual(scrape.headers[.contentType], "text/plain; version=0.0.4; charset=utf-8")
                let text = scrape.text
                XCTAssertTrue(text.contains(#"fkp_http_requests_total{method="GET",route="/login",status="200"} 3"#), text)
                XCTAssertTrue(text.contains(#"fkp_http_requests_total{method="GET",route="unmatched",status="404"} 1"#), text)
                XCTAssertTrue(text.contains(#"fkp_http_request_duration_seconds_count{method="GET",route="/login"} 3"#), text)
                XCTAssertTrue(text.contains(#"fkp_http_request_duration_seconds_bucket{method="GET",route="/login",le="+Inf"} 3"#), text)
                XCTAssertTrue(text.contains("fkp_db_pool_connections_max 10.0\n"), text)
                XCTAssertTrue(text.contains("fkp_db_pool_connections_leased 0.0\n"), text)
                XCTAssertTrue(text.contains("fkp_database_up 1.0\n"), text)

                let planned = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.forums WHERE state = 'planned'", as: Int64.self) ?? -1
                let entries = try await SQLTest.scalar(db, "SELECT sum(seq)::bigint FROM audit.chain_heads", as: Int64.self) ?? -1
                XCTAssertGreaterThan(entries, 0)
                XCTAssertTrue(text.contains(#"fkp_forums{state="planned"} \#(Double(planned))"#), text)
                XCTAssertTrue(text.contains(#"fkp_forums{state="closed"} 0.0"#), text)
                XCTAssertTrue(text.contains("fkp_audit_entries \(Double(entries))\n"), text)
            }
        }
    }

    func testMetricsAreRefusedToAddressesNotAllowed() async throws {
        try await withTestDatabase { _, url in
            // An address not on the list; and a visitor behind the trusted proxy, whose own
            // (forwarded) address is what counts, not the proxy's.
            var elsewhere = try await WebTest.serverConfig(url)
            elsewhere.metricsAllowed = ["10.1.2.3"]
            var behindProxy = try await WebTest.serverConfig(url)
            behindProxy.trustedProxies = ["127.0.0.1"]
            for config in [elsewhere, behindProxy] {
                let app = try await buildApplication(config: config, logger: TestPostgres.logger)
                try await app.test(.live) { client in
                    var browser = TestBrowser(client)
                    browser.extraHeaders[HTTPField.Name("X-Forwarded-For")!] = "203.0.113.7"
                    let refused = try await browser.get("/metrics")
                    XCTAssertEqual(refused.status, .forbidden)
                    XCTAssertFalse(refused.text.contains("fkp_http_requests_total"))
                }
            }
        }
    }
}
