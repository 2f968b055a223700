import NIOConcurrencyHelpers
import PostgresNIO

/// Answers an operation as soon as its connection closes under it, instead of when its statement
/// is answered: PostgresNIO 1.33 never answers a statement written to a channel that closed in
/// the same instant (the write meets a pipeline already torn down and its promise is dropped), and
/// the request waited forever when PostgreSQL went down under load.
///
/// The operation runs in a task of its own; when the connection closes first, the caller gets
/// `DatabaseUnavailable` and the task is left to end, or to wait forever on the dropped statement.
/// A closed connection is never handed out again, so nothing else ever runs on it, and the caller
/// gave the work away (`sending`), so nothing it still holds is shared with the task.
///
/// One close callback per connection, not per operation: a pooled connection serves millions.
final class ConnectionCloseWatch: Sendable {
    static let shared = ConnectionCloseWatch()

    private struct Watched {
        var waiting: [UInt64: @Sendable () -> Void] = [:]
    }

    private struct State {
        var connections: [ObjectIdentifier: Watched] = [:]
        var nextToken: UInt64 = 0
    }

    private let state = NIOLockedValueBox(State())

    /// Operations waiting now, on any connection: for tests.
    var waitingOperations: Int { state.withLockedValue { $0.connections.values.reduce(0) { $0 + $1.waiting.count } } }

    func run<Result: Sendable>(
        on connection: PostgresConnection,
        _ work: sending @escaping () async throws -> Result
    ) async throws -> Result {
        try await OneAnswer.first(running: { _ in try await work() }) { answer in
            let token = answering(answer, whenClosing: connection)
            return { self.unwatch(connection, token) }
        }
    }

    /// Gives `answer` `DatabaseUnavailable` if `connection` closes before `unwatch` (at once if it
    /// is closed). Database's operations call it inside the task they already run in.
    func answering<Result>(_ answer: OneAnswer<Result>, whenClosing connection: PostgresConnection) -> UInt64 {
        watch(connection) { answer.give(.failure(DatabaseUnavailable(reason: "the connection closed under a statement"))) }
    }

    private func watch(_ connection: PostgresConnection, onClose: @escaping @Sendable () -> Void) -> UInt64 {
        let key = ObjectIdentifier(connection)
        let (token, isNew) = state.withLockedValue { state -> (UInt64, Bool) in
            state.nextToken += 1
            let isNew = state.connections[key] == nil
            state.connections[key, default: Watched()].waiting[state.nextToken] = onClose
            return (state.nextToken, isNew)
        }
        // A future already complete runs the callback at once: a connection closed before it was
        // watched is answered like one that closes later.
        if isNew { connection.closeFuture.whenComplete { [self] _ in closed(key) } }
        return token
    }

    func unwatch(_ connection: PostgresConnection, _ token: UInt64) {
        let key = ObjectIdentifier(connection)
        state.withLockedValue { _ = $0.connections[key]?.waiting.removeValue(forKey: token) }
    }

    private func closed(_ key: ObjectIdentifier) {
        let waiting = state.withLockedValue { $0.connections.removeValue(forKey: key)?.waiting.values }
        for onClose in waiting.map(Array.init) ?? [] { onClose() }
    }
}
