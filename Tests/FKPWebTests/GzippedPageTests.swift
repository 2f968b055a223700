import FKPCore
import FKPTestSupport
@testable import FKPWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import XCTest

/// A kept review page goes compressed to a browser that accepts gzip, and as it is to any other;
/// both are the same page.
final class GzippedPageTests: XCTestCase {
    func testAcceptEncodingIsReadWithItsWeights() {
        func accepts(_ values: String...) -> Bool {
            var fields = HTTPFields()
            for value in values { fields.append(HTTPField(name: .acceptEncoding, value: value)) }
            let request = Request(head: HTTPRequest(method: .get, scheme: "http", authority: "fkp", path: "/", headerFields: fields),
                                  body: .init(buffer: ByteBuffer()))
            return GzippedPage.isAccepted(by: request)
        }
        XCTAssertTrue(accepts("gzip, deflate, br"))
        XCTAssertTrue(accepts("br;q=1.0, GZIP;q=0.5"))
        XCTAssertTrue(accepts("deflate", "x-gzip"))
        XCTAssertTrue(accepts("*"))
        XCTAssertFalse(accepts())
        XCTAssertFalse(accepts("identity"))
        XCTAssertFalse(accepts("gzip;q=0"))
        XCTAssertFalse(accepts("gzip; q=0.0, *"), "gzip refused by name, whatever * says")
        XCTAssertFalse(accepts("*;q=0"))
    }

    func testAKeptReviewPageGoesCompressedToWhoAcceptsItAndIsTheSamePage() async throws {
        try await WebTest.withApp(seed: TestAccounts.world + SQLTest.advance(to: .reviewing)) { client, _ in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let unit = "/forums/1/units/32010100010001"
            head.extraHeaders[.acceptEncoding] = "gzip, deflate, br"
            let rendered = try await head.get(unit)
            let kept = try await head.get(unit)
            head.extraHeaders[.acceptEncoding] = "gzip;q=0, identity"
            let plain = try await head.get(unit)

            // A page kept for a view that did not accept gzip is compressed at the next view that does.
            head.extraHeaders[.acceptEncoding] = nil
            let other = "/forums/1/units/32010100010001?verdict=none"
            let plainFirst = try await head.get(other)
            XCTAssertNil(plainFirst.headers[.contentEncoding])
            head.extraHeaders[.acceptEncoding] = "gzip"
            for _ in 0..<2 {
                let later = try await head.get(other)
                XCTAssertEqual(later.headers[.contentEncoding], "gzip")
                XCTAssertEqual(GzippedPage.decompress(later.body), plainFirst.body)
            }

            XCTAssertEqual(plain.status, .ok)
            XCTAssertNil(plain.headers[.contentEncoding])
            XCTAssertEqual(plain.headers[.vary], "Accept-Encoding")
            XCTAssertTrue(plain.text.contains("class=\"fams\""))
            for response in [rendered, kept] {
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(response.headers[.contentEncoding], "gzip")
                XCTAssertEqual(response.headers[.vary], "Accept-Encoding")
                XCTAssertLessThan(response.body.readableBytes, plain.body.readableBytes / 2)
                XCTAssertEqual(GzippedPage.decompress(response.body), plain.body)
            }
        }
    }
}
