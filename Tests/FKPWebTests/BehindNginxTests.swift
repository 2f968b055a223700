import FKPCore
import FKPStore
@testable import FKPWeb
import NIOCore
import FKPTestSupport
import Foundation
import XCTest

/// The deployment of deploy/: two `fkp serve` processes on one database behind Debian's nginx with
/// the repository's location file, visited from another loopback address (127.0.0.2).
final class BehindNginxTests: XCTestCase {
    func testTwoServersBehindNginxShareSessionsWhileNginxServesFilesAndRefusesOversizedUploads() async throws {
        let folder = try deploymentFolder(for: self)
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world)
            let trustNginx = ["FKP_TRUSTED_PROXIES": "127.0.0.1"]
            let signIn = try await TestPostgres.shared.serverRoleURL(for: url)  // as deploy/ runs them
            let first = try ServerProcess(database: signIn, folder: folder, name: "fkp-1", environment: trustNginx)
            let second = try ServerProcess(database: signIn, folder: folder, name: "fkp-2", environment: trustNginx)
            let nginx = try NginxProcess(upstreams: [first.port, second.port], folder: folder)
            defer { nginx.stop(); first.stop(); second.stop() }
            let visitor = LoopbackHTTP(source: "127.0.0.2")

            // Static files come from nginx, cached, and never reach fkp.
            let css = try visitor.get(nginx.port, "/css/fkp.css")
            XCTAssertEqual(css.status, 200)
            XCTAssertEqual(css.body, FileManager.default.contents(atPath: TestPostgres.packageRoot + "/public/css/fkp.css"))
            XCTAssertTrue(css.header("Server")?.hasPrefix("nginx") == true, "\(css.headers)")
            XCTAssertEqual(css.headers.filter { $0.name == "Cache-Control" }.map(\.value), ["max-age=86400", "public"])

            // Log in through nginx...
            let session = try visitor.login(nginx.port, "bps", TestAccounts.password)
            // ... and the one session works on whichever process nginx picks, and on each directly.
            for _ in 0..<4 {
                let page = try visitor.get(nginx.port, "/regions/3201", cookie: session)
                XCTAssertEqual(page.status, 200, "\(page.headers)")
                XCTAssertTrue(page.text.contains("Uji bps"), "logged in on every process")
            }
            for server in [first, second] {
                let direct = try LoopbackHTTP().get(server.port, "/regions/3201", cookie: session)
                XCTAssertEqual(direct.status, 200)
                XCTAssertTrue(direct.text.contains("Uji bps"))
            }
            for server in [first, second] {
                // Each served the visitor through nginx, and logged the visitor's address, not nginx's.
                let lines = server.log.split(separator: "\n").filter { $0.contains("/regions/3201") }
                XCTAssertTrue(lines.contains { $0.contains("client=127.0.0.2") }, server.log)
                XCTAssertFalse(server.log.contains("/css/fkp.css"), "nginx served the file")
            }

            // A review page is compressed once, by fkp, and nginx passes it on as it is.
            try await SQLTest.write(db, SQLTest.advance(to: .reviewing))
            let review = "GET /forums/1/units/32010100010001 HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(session)\r\n"
                + "Accept-Encoding: gzip\r\nConnection: close\r\n\r\n"
            let compressed = try visitor.exchange(nginx.port, Data(review.utf8))
            XCTAssertEqual(compressed.status, 200, "\(compressed.headers)")
            XCTAssertEqual(compressed.header("Content-Encoding"), "gzip")
            let page = GzippedPage.decompress(ByteBuffer(bytes: compressed.body)).map { String(buffer: $0) }
            XCTAssertTrue(page?.contains("class=\"fams\"") == true, "compressed once, not twice")

            // A file over the upload limit is refused by nginx with its own page, before fkp sees it.
            let oversized = "POST /imports/families HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(session)\r\n"
                + "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 250000000\r\nConnection: close\r\n\r\n"
            let refused = try visitor.exchange(nginx.port, Data(oversized.utf8))
            XCTAssertEqual(refused.status, 413)
            XCTAssertTrue(refused.text.contains("Berkas terlalu besar") && refused.text.contains("File too large"), refused.text)
            XCTAssertTrue(refused.header("Content-Type")?.hasPrefix("text/html") == true)
            for server in [first, second] { XCTAssertFalse(server.log.contains("/imports/families")) }

            // Metrics: never through the site; from the machine itself, straight from a process.
            XCTAssertEqual(try visitor.get(nginx.port, "/metrics").status, 403)
            let metrics = try LoopbackHTTP().get(first.port, "/metrics")
            XCTAssertEqual(metrics.status, 200)
            XCTAssertTrue(metrics.text.contains(#"fkp_http_requests_total{method="GET",route="/regions/{code}",status="200"}"#), metrics.text)

            // With every fkp process down, nginx says so in both languages.
            first.stop()
            second.stop()
            let down = try visitor.get(nginx.port, "/login")
            XCTAssertEqual(down.status, 502)
            XCTAssertTrue(down.text.contains("Layanan sedang dimulai ulang"), down.text)
        }
    }
}
