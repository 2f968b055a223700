import FKPTestSupport
import NIOConcurrencyHelpers
import PostgresNIO
import XCTest

@testable import FKPStore

/// A transaction's work is all or nothing, its own error comes out, and a connection lost in the
/// middle fails the work at once instead of leaving it waiting on a ROLLBACK nobody answers.
final class TransactionTests: XCTestCase {
    struct Refused: Error {}

    func testAFailedWorkLeavesNothingAndThrowsItsOwnError() async throws {
        try await withTestDatabase { db, _ in
            try await db.client.query("CREATE TABLE scratch (n int)", logger: db.logger)
            do {
                try await db.client.withConnection { connection in
                    try await connection.transaction(logger: db.logger) { connection in
                        try await connection.query("INSERT INTO scratch VALUES (1)", logger: db.logger)
                        throw Refused()
                    }
                }
                XCTFail("the work's failure was not passed on")
            } catch is Refused {}
            try await db.client.withConnection { connection in
                try await connection.transaction(logger: db.logger) { connection in
                    try await connection.query("INSERT INTO scratch VALUES (2)", logger: db.logger)
                }
            }
            let kept = try await SQLTest.scalar(db, "SELECT string_agg(n::text, ',') FROM scratch", as: String.self)
            XCTAssertEqual(kept, "2")
        }
    }

    func testAConnectionLostInTheMiddleFailsTheWorkAtOnce() async throws {
        try await withTestDatabase { db, _ in
            let finished = NIOLockedValueBox(false)
            // Not awaited: a query nobody answers cannot be cancelled, and the test must fail, not hang.
            Task {
                do {
                    try await db.client.withConnection { connection in
                        try await connection.transaction(logger: db.logger) { connection in
                            try await connection.query("SELECT 1", logger: db.logger)
                            try await connection.close()
                            throw Refused()
                        }
                    }
                } catch is Refused {}
                finished.withLockedValue { $0 = true }
            }
            let started = Date()
            while !finished.withLockedValue({ $0 }), Date().timeIntervalSince(started) < 10 {
                try await Task.sleep(for: .milliseconds(50))
            }
            XCTAssertTrue(finished.withLockedValue { $0 }, "the work was left waiting on its lost connection")
        }
    }
}
