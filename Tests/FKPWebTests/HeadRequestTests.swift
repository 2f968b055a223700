import FKPTestSupport
import HTTPTypes
import HummingbirdTesting
import NIOCore
import XCTest

/// Link checkers and uptime monitors ask with HEAD: every page answers it as its GET, without the body.
final class HeadRequestTests: XCTestCase {
    func testAHeadRequestIsAnsweredAsTheGetWithoutItsBody() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client in
            for (path, status) in [("/login", HTTPResponse.Status.ok), ("/healthz", .ok), ("/css/fkp.css", .ok),
                                   ("/forums/1", .seeOther), ("/no/such/page", .notFound)] {
                let get = try await client.execute(uri: path, method: .get, headers: [:], body: nil)
                let head = try await client.execute(uri: path, method: .head, headers: [:], body: nil)
                XCTAssertEqual(get.status, status, path)
                XCTAssertEqual(head.status, status, "HEAD \(path)")
                XCTAssertEqual(head.body.readableBytes, 0, "HEAD \(path) sends no body")
                XCTAssertEqual(head.headers[.contentType], get.headers[.contentType], path)
                XCTAssertEqual(head.headers[.location], get.headers[.location], path)
                if path == "/login" || path == "/css/fkp.css" {
                    XCTAssertGreaterThan(get.body.readableBytes, 0, path)
                    XCTAssertEqual(head.headers[.contentLength], String(get.body.readableBytes), "HEAD \(path) says the GET's length")
                }
            }
            let post = try await client.execute(uri: "/login", method: .post, headers: [:], body: nil)
            XCTAssertNotEqual(post.status, .ok, "only HEAD is answered as GET")
        }
    }
}
