import FKPStore
import FKPTestSupport
import FKPWeb
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import XCTest

/// The client address that throttling and the security log see: the forwarded one from a trusted
/// proxy, the connection's own from anyone else.
final class ForwardedForTests: XCTestCase {
    func testAForwardedAddressIsBelievedOnlyFromATrustedProxy() async throws {
        for (trusted, expected) in [(["127.0.0.1"], "203.0.113.7"), ([], "127.0.0.1")] {
            try await withTestDatabase { db, url in
                try await SQLTest.write(db, TestAccounts.world)
                var config = try await WebTest.serverConfig(url)
                config.trustedProxies = trusted
                let app = try await buildApplication(config: config, logger: TestPostgres.logger)
                try await app.test(.live) { client in
                    var browser = TestBrowser(client)
                    browser.extraHeaders[HTTPField.Name("X-Forwarded-For")!] = "203.0.113.7"
                    try await browser.get("/login")
                    let refused = try await browser.post("/login", ["username": "ketua", "password": "salah sekali"])
                    XCTAssertEqual(refused.status, .unauthorized)
                }
                let address = try await SQLTest.scalar(db, "SELECT address FROM audit.security_events WHERE event LIKE 'login.%' ORDER BY id DESC LIMIT 1",
                                                       as: String.self)
                XCTAssertEqual(address, expected, "trusted proxies: \(trusted)")
            }
        }
    }
}
