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
            try await db.readStreaming { connection in
                try await RecordCursor.read(Self.rows, width: 3, batchSize: 4, on: connection, logger: db.logger) { batch in
                    batchSizes.append(batch.count)
                    found += try Self.texts(batch)
                }
            }
            XCTAssertEqual(batchSizes, [4, 4, 2])
            XCTAssertEqual(found, (1...10).map { g in [String(g), g % 3 == 0 ? nil : String(repeating: "é\"", count: g), ""] })
        }
    }

    /// The rows per FETCH follow the rows' size: large rows come in small batches, small rows in
    /// batches up to the limit, so that a batch's memory does not grow with its rows.
    func testBatchesHoldAboutAsManyBytesWhateverTheRowsSize() async throws {
        try await withTestDatabase { db, _ in
            for (rowBytes, rows) in [(256 << 10, 60), (40, 30_000)] {
                var batches: [(count: Int, bytes: Int)] = []
                var seen = 0
                try await db.readStreaming { connection in
                    try await RecordCursor.read("SELECT ROW(g::text, repeat('x', \(rowBytes)::int)) FROM generate_series(1, \(rows)::int) g ORDER BY g",
                                                width: 2, on: connection, logger: db.logger) { batch in
                        batches.append((batch.count, batch.byteCount))
                        try batch.forEach { columns in
                            seen += 1
                            XCTAssertEqual(columns[0].map { String(decoding: $0, as: UTF8.self) }, String(seen))
                        }
                    }
                }
                XCTAssertEqual(seen, rows)
                XCTAssertEqual(batches.first?.count, RecordCursor.firstBatchSize)
                for batch in batches.dropFirst().dropLast() {
                    XCTAssertLessThanOrEqual(batch.count, RecordCursor.defaultBatchSize)
                    XCTAssertLessThanOrEqual(batch.bytes, RecordCursor.batchBytes + rowBytes + 100, "\(rowBytes)-byte rows")
                }
                if rowBytes > 1000 {
                    XCTAssertGreaterThanOrEqual(batches.count, 5, "large rows, small batches")
                    for batch in batches { XCTAssertLessThanOrEqual(batch.count, RecordCursor.batchBytes / rowBytes) }
                } else {
                    XCTAssertEqual(batches.dropFirst().first?.count, RecordCursor.defaultBatchSize, "small rows, the limit")
                }
            }
        }
    }

    /// A batch's buffer is filled again once the batch is gone, instead of a new one for every
    /// batch; batches the caller keeps keep their rows.
    func testTheBuffersOfBatchesDoneWithAreFilledAgain() async throws {
        let rows: PostgresQuery = "SELECT ROW(g::text, repeat('x', 1000)) FROM generate_series(1, 20000) g ORDER BY g"
        try await withTestDatabase { db, _ in
            let buffers = RecordBatchBuffers()
            var batches = 0
            var seen: [String?] = []
            try await db.readStreaming { connection in
                try await RecordCursor.read(rows, width: 2, batchSize: 500, buffers: buffers, on: connection, logger: db.logger) { batch in
                    batches += 1
                    seen += try Self.texts(batch).map { $0[0] }
                }
            }
            XCTAssertEqual(seen, (1...20000).map { String($0) })
            XCTAssertGreaterThan(batches, 40)
            XCTAssertLessThanOrEqual(buffers.made, 3, "a batch being read, the next one arriving, and at most one in between")

            let keeping = RecordBatchBuffers()
            var kept: [RecordBatch] = []
            try await db.readStreaming { connection in
                try await RecordCursor.read(rows, width: 2, batchSize: 500, buffers: keeping, on: connection, logger: db.logger) {
                    kept.append($0)
                }
            }
            XCTAssertEqual(keeping.made, kept.count + 1, "one for each batch kept, and one for the empty last FETCH")
            XCTAssertEqual(try kept.flatMap(Self.texts).map { $0[0] }, (1...20000).map { String($0) })
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

    /// A connection lost in the middle of a read (an export's, in its caller's task) fails the read
    /// at once: the FETCH in flight fails. One written in the instant of the loss would be dropped
    /// by PostgresNIO and never answered; each FETCH runs under ConnectionCloseWatch for that
    /// (ConnectionCloseWatchTests show the drop and the answer).
    func testAConnectionLostBetweenBatchesFailsTheReadInsteadOfHoldingIt() async throws {
        try await withTestDatabase { db, _ in
            let ended = Outcome()
            // Not awaited: were the FETCH left unanswered, the test must fail, not hang.
            Task {
                await ended.record {
                    try await db.readStreaming { connection in
                        try await RecordCursor.read(Self.rows, width: 3, batchSize: 2, on: connection, logger: db.logger) { _ in
                            if !connection.isClosed { try await connection.close() }
                        }
                    }
                }
            }
            let result = try await ended.awaited(seconds: 10)
            let outcome = try XCTUnwrap(result, "the read waited on a FETCH its closed connection never answers")
            XCTAssertNotEqual(outcome, "finished", "ten rows in batches of two cannot all arrive on a connection closed after the first")
        }
    }

    /// Readers on other connections that adopt one transaction's snapshot see what it sees: not
    /// what was written after it began, though that is committed.
    func testReadersOfASharedSnapshotSeeNothingWrittenAfterIt() async throws {
        try await withTestDatabase { db, _ in
            try await db.client.query("CREATE TABLE numbers AS SELECT 1 AS n", logger: db.logger)
            try await db.read { exporter in
                try await exporter.transaction(logger: db.logger) { exporter in
                    let snapshot = try await DatabaseSnapshot.export(on: exporter, logger: db.logger)
                    try await db.client.query("INSERT INTO numbers VALUES (2)", logger: db.logger)
                    let shared = try await Self.numbers(db, snapshot: snapshot)
                    XCTAssertEqual(shared, ["1"])
                    let now = try await Self.numbers(db, snapshot: nil)
                    XCTAssertEqual(now, ["1", "2"])
                }
            }
        }
    }

    static func numbers(_ db: Database, snapshot: DatabaseSnapshot?) async throws -> [String?] {
        var found: [String?] = []
        try await db.readStreaming { connection in
            try await RecordCursor.read("SELECT ROW(n::text) FROM numbers ORDER BY n", width: 1, snapshot: snapshot, on: connection,
                                        logger: db.logger) { batch in
                found += try Self.texts(batch).map { $0[0] }
            }
        }
        return found
    }

    /// A row may hold an array of records: its records come in their order, an empty array gives
    /// none, and a FETCH counts rows, not records.
    func testRowsOfRecordArraysGiveTheirRecordsInOrder() async throws {
        let groups: PostgresQuery = """
            SELECT ARRAY(SELECT ROW(g::text, CASE WHEN g % 3 = 0 THEN NULL ELSE repeat('é"', g) END, '')
                           FROM generate_series(s, least(s + 3, 10)) g WHERE s <> 5 ORDER BY g)
              FROM generate_series(1, 13, 4) s ORDER BY s
            """
        try await withTestDatabase { db, _ in
            var batches: [(records: Int, rows: Int)] = []
            var found: [[String?]] = []
            try await db.readStreaming { connection in
                try await RecordCursor.read(groups, width: 3, batchSize: 2, on: connection, logger: db.logger) { batch in
                    batches.append((batch.count, batch.rows))
                    found += try Self.texts(batch)
                }
            }
            XCTAssertEqual(batches.map(\.rows), [2, 2], "rows 1–4 and none, then 9–10 and none")
            XCTAssertEqual(batches.map(\.records), [4, 2])
            XCTAssertEqual(found, [1, 2, 3, 4, 9, 10].map { g in [String(g), g % 3 == 0 ? nil : String(repeating: "é\"", count: g), ""] })
        }
    }

    func testAnArrayOfMoreThanOneDimensionIsRefused() async throws {
        try await withTestDatabase { db, _ in
            try await db.read { connection in
                do {
                    try await RecordCursor.read("SELECT ARRAY[[ROW('a'), ROW('b')]]", width: 1, on: connection, logger: db.logger) { batch in
                        try batch.forEach { _ in XCTFail("a record of a two-dimensional array was handed over") }
                    }
                    XCTFail("a two-dimensional array was read")
                } catch RecordBatchError.notARecord {}
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

    /// The time of an entry is sent as binary and written here: the text must be PostgreSQL's own
    /// `audit.timestamp_text`, which the chain hashes, byte for byte over its whole range.
    func testATimeIsGivenAsTheAuditTrailsTextOfIt() async throws {
        let times: PostgresQuery = """
            SELECT ROW(t, audit.timestamp_text(t))
              FROM (SELECT unnest(ARRAY['-infinity', 'infinity', '4714-11-24 00:00:00+00 BC', '0001-12-31 23:59:59.999999+00 BC',
                                        '0001-01-01 00:00:00+00', '1999-12-31 23:59:59.999999+00', '2000-01-01 00:00:00+00',
                                        '2000-02-29 12:00:00.5+00', '2026-12-02 19:46:21.000001+07', '9999-12-31 23:59:59.999999+00',
                                        '10000-01-01 00:00:00+00', '99999-12-31 23:59:59.999999+00', '100000-01-01 00:00:00+00',
                                        '294276-12-31 23:59:59.999999+00']::timestamptz[]) t
                    UNION ALL
                    -- Random times over the whole range, and over the years the trail is written in.
                    SELECT '4714-11-24 00:00:00+00 BC'::timestamptz + random() * interval '109000000 days' FROM generate_series(1, 5000)
                    UNION ALL
                    SELECT '1990-01-01 00:00:00+00'::timestamptz + random() * interval '30000 days' FROM generate_series(1, 5000)) times
            """
        try await withTestDatabase { db, _ in
            var compared = 0
            try await db.readStreaming { connection in
                try await RecordCursor.read(times, width: 2, on: connection, logger: db.logger) { batch in
                    for row in try Self.texts(batch) {
                        XCTAssertEqual(row[0], row[1])
                        compared += 1
                    }
                }
            }
            XCTAssertEqual(compared, 10_014)
        }
    }
}
