import FKPTestSupport
import NIOConcurrencyHelpers
import PostgresNIO
import XCTest

@testable import FKPStore

/// A statement written to a connection that has just closed is never answered by PostgresNIO 1.33;
/// a database operation is answered all the same, at once, and says the database is unavailable.
final class ConnectionCloseWatchTests: XCTestCase {
    /// What the watch is for. Should PostgresNIO come to answer such a statement, the first half
    /// fails, and ConnectionCloseWatch can go.
    func testAStatementOnAClosedConnectionIsLeftUnansweredByTheDriverButAnsweredByTheDatabase() async throws {
        try await withTestDatabase { db, _ in
            let unwatched = Outcome()
            // Not awaited: it never ends.
            Task {
                await unwatched.record { try await db.readStreaming { try await Self.closeThenAsk($0, db) } }
            }
            try await Task.sleep(for: .seconds(2))
            XCTAssertNil(unwatched.result, "PostgresNIO answered a statement on a closed connection: the watch may go")

            let watched = Outcome()
            Task {
                await watched.record { try await db.read { try await Self.closeThenAsk($0, db) } }
            }
            let result = try await watched.awaited(seconds: 10)
            XCTAssertTrue(result?.contains("the database is unavailable") == true, "answered \(result ?? "never")")
        }
    }

    /// Closes the connection, then writes a statement to it: what PostgresNIO drops.
    private static func closeThenAsk(_ connection: PostgresConnection, _ db: Database) async throws {
        try await connection.close()
        try await connection.query("SELECT 1", logger: db.logger)
    }

    func testAWriteWhoseConnectionClosesIsAnsweredWithoutWaitingForItsWork() async throws {
        try await withTestDatabase { db, _ in
            let release = Release()
            let outcome = Outcome()
            Task {
                await outcome.record {
                    try await db.write(.system("test", action: "test.lost", reason: "test")) { connection in
                        try await connection.close()
                        await release.awaited()  // work that ignores cancellation, as a dropped statement does
                    }
                }
            }
            let result = try await outcome.awaited(seconds: 10)
            XCTAssertTrue(result?.contains("the database is unavailable") == true, "answered \(result ?? "never")")
            release.open()
            // The pool goes on with its other connections.
            let one = try await SQLTest.scalar(db, "SELECT 1", as: Int32.self)
            XCTAssertEqual(one, 1)
        }
    }

    func testOperationsThatEndLeaveNothingWatched() async throws {
        try await withTestDatabase { db, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<200 {
                    group.addTask { _ = try await db.read { try await $0.query("SELECT 1", logger: db.logger) } }
                }
                try await group.waitForAll()
            }
            XCTAssertEqual(ConnectionCloseWatch.shared.waitingOperations, 0)
        }
    }
}

/// How an operation not awaited ended, as text (its error's, or "finished"), once it has.
final class Outcome: Sendable {
    private let ended = NIOLockedValueBox<String?>(nil)

    var result: String? { ended.withLockedValue { $0 } }

    func record(_ operation: () async throws -> some Any) async {
        let text: String
        do {
            _ = try await operation()
            text = "finished"
        } catch {
            text = String(reflecting: error)
        }
        ended.withLockedValue { $0 = text }
    }

    /// The outcome, polled: the operation is not awaited, so a test fails instead of hanging.
    func awaited(seconds: Double) async throws -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while result == nil, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return result
    }
}

/// A wait that only `open()` ends; cancelling its task does not.
private final class Release: Sendable {
    private let state = NIOLockedValueBox<(isOpen: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func awaited() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLockedValue { state -> Bool in
                if !state.isOpen { state.waiting.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }

    func open() {
        let waiting = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            state.isOpen = true
            defer { state.waiting = [] }
            return state.waiting
        }
        waiting.forEach { $0.resume() }
    }
}
