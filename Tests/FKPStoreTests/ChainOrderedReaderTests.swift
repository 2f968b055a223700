import FKPTestSupport
import NIOConcurrencyHelpers
import PostgresNIO
import XCTest

@testable import FKPStore

/// Chains read on two connections arrive as one cursor would give them: every row once, chain by
/// chain in name order, each chain in sequence order, runs split across batches at any point,
/// chains without rows passed over; within one snapshot; and a failure ends both readers.
final class ChainOrderedReaderTests: XCTestCase {
    /// Chains of 0 to 12 rows (some named so that text order is not number order), and one
    /// listed chain with no row at all.
    static let setUp: PostgresQuery = """
        CREATE TABLE chain_rows AS
        SELECT 'forum:' || c AS chain, s AS seq
          FROM generate_series(1, 12) c, generate_series(1, 12) s WHERE s <= (c * 7) % 13
        """

    static func query(_ chains: [String]) -> PostgresQuery {
        "SELECT ROW(chain, seq::text) FROM chain_rows WHERE chain = ANY(\(chains)) ORDER BY chain, seq"
    }

    /// The chains, sorted as PostgreSQL sorts them, with one that has no row.
    static func chains(_ db: Database) async throws -> [String] {
        var names: [String] = []
        for try await name in try await db.client.query("""
            SELECT chain FROM (SELECT DISTINCT chain FROM chain_rows UNION SELECT 'forum:99') c ORDER BY chain
            """, logger: db.logger).decode(String.self) { names.append(name) }
        return names
    }

    /// Every row, read in order by one plain query.
    static func expected(_ db: Database) async throws -> [String] {
        var rows: [String] = []
        for try await (chain, seq) in try await db.client.query("SELECT chain, seq FROM chain_rows ORDER BY chain, seq",
                                                                logger: db.logger).decode((String, Int).self) { rows.append("\(chain)/\(seq)") }
        return rows
    }

    static func read(_ db: Database, chains: [String], batchSize: Int, connections: Int,
                     _ each: @escaping (String) throws -> Void = { _ in }) async throws -> [String] {
        var found: [String] = []
        try await db.readStreaming { connection in
            try await connection.transaction(logger: db.logger) { connection in
                let snapshot = try await DatabaseSnapshot.export(on: connection, logger: db.logger)
                try await ChainOrderedReader.read(chains: chains, query: Self.query, width: 2, batchSize: batchSize, connections: connections,
                                                  snapshot: snapshot, on: connection, database: db) { batch, rows in
                    try batch.forEach(rows: rows) { cells in
                        let row = "\(String(decoding: cells[0]!, as: UTF8.self))/\(String(decoding: cells[1]!, as: UTF8.self))"
                        try each(row)
                        found.append(row)
                    }
                }
            }
        }
        return found
    }

    func testRowsArriveOnceInChainOrderWhateverTheBatchSize() async throws {
        try await withTestDatabase { db, _ in
            try await db.client.query(Self.setUp, logger: db.logger)
            let chains = try await Self.chains(db)
            let expected = try await Self.expected(db)
            XCTAssertEqual(expected.count, (1...12).reduce(0) { $0 + ($1 * 7) % 13 })
            for connections in [1, 2] {
                for batchSize in [1, 2, 3, 5, 7, 100] {
                    let found = try await Self.read(db, chains: chains, batchSize: batchSize, connections: connections)
                    XCTAssertEqual(found, expected, "\(connections) connection(s), batches of \(batchSize)")
                }
            }
            // One chain only (the other connection has none), and none at all.
            let one = try await Self.read(db, chains: ["forum:3"], batchSize: 2, connections: 2)
            XCTAssertEqual(one, expected.filter { $0.hasPrefix("forum:3/") })
            let none = try await Self.read(db, chains: [], batchSize: 2, connections: 2)
            XCTAssertEqual(none, [])
        }
    }

    /// Both connections read what the exporting transaction sees, not rows committed after it began.
    func testBothConnectionsReadOneSnapshot() async throws {
        try await withTestDatabase { db, _ in
            try await db.client.query(Self.setUp, logger: db.logger)
            let chains = try await Self.chains(db)
            let expected = try await Self.expected(db)
            var found: [String] = []
            try await db.readStreaming { connection in
                try await connection.transaction(logger: db.logger) { connection in
                    let snapshot = try await DatabaseSnapshot.export(on: connection, logger: db.logger)
                    // Written after the snapshot, to chains of both connections.
                    try await db.client.query("INSERT INTO chain_rows VALUES ('forum:1', 100), ('forum:10', 100)", logger: db.logger)
                    try await ChainOrderedReader.read(chains: chains, query: Self.query, width: 2, batchSize: 4, connections: 2,
                                                      snapshot: snapshot, on: connection, database: db) { batch, rows in
                        try batch.forEach(rows: rows) { cells in
                            found.append("\(String(decoding: cells[0]!, as: UTF8.self))/\(String(decoding: cells[1]!, as: UTF8.self))")
                        }
                    }
                }
            }
            XCTAssertEqual(found, expected)
        }
    }

    /// A caller that fails in the middle ends both readers: the failure is passed on at once, and
    /// neither connection is left inside a transaction.
    func testAFailureOfTheCallerEndsBothReaders() async throws {
        struct Stop: Error {}
        try await withTestDatabase { db, _ in
            try await db.client.query(Self.setUp, logger: db.logger)
            let chains = try await Self.chains(db)
            var seen = 0
            do {
                _ = try await Self.read(db, chains: chains, batchSize: 2, connections: 2) { _ in
                    seen += 1
                    if seen == 20 { throw Stop() }
                }
                XCTFail("the failure was not passed on")
            } catch is Stop {}
            XCTAssertEqual(seen, 20)
            // Every pooled connection is idle again: none holds an open transaction or a cursor.
            try await Task.sleep(for: .milliseconds(200))
            var busy: [String] = []
            for try await state in try await db.client.query("""
                SELECT state FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
                """, logger: db.logger).decode(String.self) { busy.append(state) }
            XCTAssertEqual(busy, [])
        }
    }

    /// A connection lost in the middle fails the read at once: the chains after the lost one are
    /// not handed over as if the lost connection had had nothing more.
    func testALostConnectionFailsTheRead() async throws {
        try await withTestDatabase { db, _ in
            try await db.client.query(Self.setUp, logger: db.logger)
            let chains = try await Self.chains(db)
            let ended = Outcome()
            let handed = NIOLockedValueBox<[String]>([])
            // Not awaited: were a reader left waiting, the test must fail, not hang.
            Task {
                await ended.record {
                    try await db.readStreaming { connection in
                        try await connection.transaction(logger: db.logger) { connection in
                            let snapshot = try await DatabaseSnapshot.export(on: connection, logger: db.logger)
                            try await ChainOrderedReader.read(chains: chains, query: Self.query, width: 2, batchSize: 2, connections: 2,
                                                              snapshot: snapshot, on: connection, database: db) { batch, rows in
                                var chain = ""
                                try batch.forEach(rows: rows) { cells in
                                    chain = String(decoding: cells[0]!, as: UTF8.self)
                                    handed.withLockedValue { $0.append(chain) }
                                }
                                // In the first connection's second chain: the other has begun by then.
                                if chain == chains[2], !connection.isClosed { try await connection.close() }
                            }
                        }
                    }
                }
            }
            let result = try await ended.awaited(seconds: 10)
            let outcome = try XCTUnwrap(result, "the read waited on a reader that will never answer")
            XCTAssertNotEqual(outcome, "finished")
            // The connection was lost in the third chain: nothing after it may have been handed over.
            XCTAssertEqual(Set(handed.withLockedValue { $0 }), Set(chains[0...2]))
        }
    }

    /// Rows of a chain it was not given, left after the listed chains, are a mistake in the query: refused.
    func testRowsOfAChainNotListedAreRefused() async throws {
        try await withTestDatabase { db, _ in
            try await db.client.query(Self.setUp, logger: db.logger)
            do {
                _ = try await db.readStreaming { connection in
                    try await connection.transaction(logger: db.logger) { connection in
                        let snapshot = try await DatabaseSnapshot.export(on: connection, logger: db.logger)
                        try await ChainOrderedReader.read(chains: ["forum:1", "forum:2"], query: { _ in
                            "SELECT ROW(chain, seq::text) FROM chain_rows ORDER BY chain, seq"
                        }, width: 2, batchSize: 3, connections: 2, snapshot: snapshot, on: connection, database: db) { _, _ in }
                    }
                }
                XCTFail("rows of unlisted chains were passed over")
            } catch ChainOrderError.unexpectedRows {}
        }
    }
}
