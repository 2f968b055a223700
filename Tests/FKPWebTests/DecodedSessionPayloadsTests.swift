import Foundation
import XCTest
@testable import FKPWeb

/// Session payloads decoded once: the value is always what JSONDecoder gives for those bytes.
final class DecodedSessionPayloadsTests: XCTestCase {
    private struct Other: Codable, Sendable, Equatable { let userID: Int64? }

    func testAPayloadDecodesAsJSONDecoderWouldAndOnlyOnceUntilFull() throws {
        let payloads = DecodedSessionPayloads(capacity: 2)
        let session = WebSession.loggedIn(userID: 7)
        let bytes = try JSONEncoder().encode(session)
        XCTAssertEqual(payloads.decode(WebSession.self, from: bytes), session)
        XCTAssertEqual(payloads.decode(WebSession.self, from: bytes), session)
        XCTAssertEqual(payloads.count, 1)
        // The same bytes as another type are decoded as that type.
        XCTAssertEqual(payloads.decode(Other.self, from: bytes), Other(userID: 7))
        XCTAssertEqual(payloads.count, 2)
        // Bytes that are not a session are nothing, and are not kept.
        XCTAssertNil(payloads.decode(WebSession.self, from: Data(#"{"userID":7}"#.utf8)))
        XCTAssertEqual(payloads.count, 2)
        // A refreshed session is other bytes: decoded anew; when full, the kept ones go.
        var refreshed = session
        refreshed.lastSeenAt = session.lastSeenAt.addingTimeInterval(61)
        XCTAssertEqual(payloads.decode(WebSession.self, from: try JSONEncoder().encode(refreshed)), refreshed)
        XCTAssertEqual(payloads.count, 1)
        XCTAssertEqual(payloads.decode(WebSession.self, from: bytes), session)
    }
}
