import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

/// Two people at the two rows of one family, each marking theirs the other's duplicate at the same
/// moment: the database lets one through and refuses the other when it commits, so the family keeps
/// a row on the final list.
final class ReviewRingTests: XCTestCase {
    func testTwoMarkingsThatCloseARingAtOnceCannotBothCommit() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, TestAccounts.world + SQLTest.advance(to: .reviewing))
            func begin(_ connection: PostgresConnection, marking family: String, duplicateOf other: String) async throws {
                _ = try await connection.query("BEGIN", logger: db.logger)
                _ = try await connection.query("SELECT audit.declare('ketua', 'sls_head', 'review.save', NULL, 1, NULL, NULL, NULL)",
                                               logger: db.logger)
                _ = try await connection.query("""
                    INSERT INTO fkp.reviews (forum_id, family_id, presence, duplicate_of, updated_by)
                    VALUES (1, \(family), 'duplicate', \(other), 'ketua')
                    """, logger: db.logger)
            }
            try await db.client.withConnection { first in
                try await begin(first, marking: "F1", duplicateOf: "F2")
                // The second waits on the forum chain's head, which the first holds until it commits.
                let second = Task {
                    try await db.client.withConnection { second in
                        try await begin(second, marking: "F2", duplicateOf: "F1")
                        _ = try await second.query("COMMIT", logger: db.logger)
                    }
                }
                let started = Date()
                while try await SQLTest.scalar(db, "SELECT count(*) FROM pg_locks WHERE NOT granted", as: Int64.self) == 0 {
                    guard Date().timeIntervalSince(started) < 10 else { XCTFail("the second never waited for the first"); break }
                    try await Task.sleep(for: .milliseconds(20))
                }
                _ = try await first.query("COMMIT", logger: db.logger)
                do {
                    try await second.value
                    XCTFail("both markings committed: the family would leave the list")
                } catch {
                    XCTAssertEqual(DatabaseRefusal(error)?.constraint, "reviews_no_ring", String(reflecting: error))
                }
            }
            let kept = try await SQLTest.scalar(db, "SELECT string_agg(family_id || '>' || duplicate_of, ' ') FROM fkp.reviews", as: String.self)
            XCTAssertEqual(kept, "F1>F2")
        }
    }
}
