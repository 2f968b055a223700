import FKPCore
import Foundation
import XCTest

final class AuditInstantTests: XCTestCase {
    func testATimeCopiedFromAnEntryIsKeptToTheMicrosecond() throws {
        let cases = [
            ("2026-12-02T20:15:26.258708Z", "2026-12-02T20:15:26.258708Z"),
            ("2026-12-01T09:00:00+07:00", "2026-12-01T02:00:00.000000Z"),
            ("2026-12-01T09:00:00.5+07:00", "2026-12-01T02:00:00.500000Z"),
            ("2026-12-01T09:00:00.000001+09:00", "2026-12-01T00:00:00.000001Z"),
            ("1999-12-31T23:59:59.999999Z", "1999-12-31T23:59:59.999999Z"),
        ]
        for (given, text) in cases {
            XCTAssertEqual(AuditInstant(iso8601: given)?.text, text, given)
        }
        XCTAssertEqual(AuditInstant(iso8601: "2000-01-01T00:00:00.000001Z")?.microsecondsSince2000, 1)
        for refused in ["2026-12-01T09:00:00", "2026-12-01", "2026-12-01T09:00:00.1234567Z", "2026-12-01T09:00:00.Z", "yesterday", ""] {
            XCTAssertNil(AuditInstant(iso8601: refused), refused)
        }
    }

    func testADateIsTakenToTheNearestMicrosecond() {
        let date = Date(timeIntervalSince1970: 946_684_800 + 1.0000006)
        XCTAssertEqual(AuditInstant(date).microsecondsSince2000, 1_000_001)
        XCTAssertLessThan(AuditInstant(microsecondsSince2000: 1), AuditInstant(microsecondsSince2000: 2))
    }
}
