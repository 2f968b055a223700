import FKPTestSupport
import PostgresNIO
import XCTest

@testable import FKPStore

/// Large reads go through a cursor in batches of records: every row arrives once, in order, with
/// its absent and non-ASCII values intact, and the connection is left clean, also after a failure.
final class RecordCursorTests: XCTestCase {
    static let rows: PostgresQuery = """
        SELECT ROW(g::text, CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('é"', g) END, '')
          FROM generate_series(1, 10) g ORDER BY g
        """

    static func texts(_ batch: RecordBatch) throws -> [[String?]] {
        var found: [[String?]] = []
        try batch.forEach { columns in found.append(columns.map { $0.map { String(decoding: $0, as: UTF8.self) } }) }
        return found
    }

    func testRowsArriveOnceInOrderAcrossBatches() async throws {
        try await withTestDatabase { db, _ in
            var batchSizes: [Int] = []
            var found: [[String?]] = []
            try await db.read { connection in
                try await RecordCursor.read(Self.rows, width: 3, batchSize: 4, on: connection, logger: db.logger) { batch in
                    batchSizes.append(batch.count)
                    found += try Self.texts(batch)
                }
            }
            XCTAssertEqual(batchSizes, [4, 4, 2])
            XCTAssertEqual(found, (1...10).map { g in [String(g), g % 3 == 0 ? nil : String(repeating: "é\"", count: g), ""] })
        }
    }

    func testAFailureWhileReadingEndsTheTransactionAndTheConnectionGoesOn() async throws {
        struct Stop: Error {}
        try await withTestDatabase { db, _ in
            try await db.read { connection in
                do {
                    try await RecordCursor.read(Self.rows, width: 3, batchSize: 4, on: connection, logger: db.logger) { _ in throw Stop() }
                    XCTFail("the failure was not passed on")
                } catch is Stop {}
                // Outside any transaction again, and the cursor's name is free for the next read.
                var status: [String] = []
                for try await (value,) in try await connection.query("SELECT current_setting('transaction_read_only')",
                                                                     logger: db.logger).decode((String,).self) { status.append(value) }
                XCTAssertEqual(status, ["off"])
                var count = 0
                try await RecordCursor.read(Self.rows, width: 3, on: connection, logger: db.logger) { count += $0.count }
                XCTAssertEqual(count, 10)
            }
        }
    }

    func testRowsOfAnotherWidthAreRefused() async throws {
        try await withTestDatabase { db, _ in
            try await db.read { connection in
                do {
                    try await RecordCursor.read(Self.rows, width: 4, on: connection, logger: db.logger) { batch in
                        try batch.forEach { _ in XCTFail("a row of the wrong width was handed over") }
                    }
                    XCTFail("rows of the wrong width were read")
                } catch RecordBatchError.notARecord {}
            }
        }
    }
}
