import Logging
import NIOCore
import PostgresNIO

/// The pooled connection to PostgreSQL and the one way to write through it: `write(_:_:)` opens a
/// transaction that first declares its `WriteContext`, so the database can audit every row it changes.
///
/// With a `leaseTimeout` (the server's), waiting for a connection is bounded: when PostgreSQL is
/// gone the pool would otherwise hold each request for its circuit breaker's 15 seconds. A
/// connection that cannot be had in time, or that the server drops, becomes `DatabaseUnavailable`.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger
    public let leaseTimeout: Duration?
    /// Connections leased and requests waiting for one, for /metrics.
    public let poolUse: PoolUse

    public init(client: PostgresClient, logger: Logger, leaseTimeout: Duration? = nil, poolUse: PoolUse = PoolUse()) {
        self.client = client
        self.logger = logger
        self.leaseTimeout = leaseTimeout
        self.poolUse = poolUse
    }

    public func write<Result: Sendable>(
        _ context: WriteContext,
        _ body: sending @escaping (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await answeredWhenClosed { [logger] connection in
            try await connection.transaction(logger: logger) { connection in
                try await connection.declare(context, logger: logger)
                return try await body(connection)
            }
        }
    }

    /// Reads run on any pooled connection, outside an explicit transaction.
    public func read<Result: Sendable>(
        _ body: sending @escaping (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await answeredWhenClosed(body)
    }

    /// A read whose body hands rows to the caller as they come (an export's writer). It runs in the
    /// caller's task, so it is not answered early when its connection closes under it: a statement
    /// PostgresNIO drops with its connection holds it (ConnectionCloseWatch). Only for streams.
    public func readStreaming<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await leased { lease in
            try await client.withConnection { connection in
                try lease.began(on: connection)
                return try await body(connection)
            }
        }
    }

    /// Runs `work` on a pooled connection in a task of its own, and answers the caller with the
    /// first of: the work's outcome; `DatabaseUnavailable` as soon as the connection closes under
    /// it (ConnectionCloseWatch: the task is then cancelled and left to end, or to wait forever on
    /// a statement PostgresNIO dropped); `DatabaseUnavailable` when no connection came within
    /// `leaseTimeout` (LeaseDeadlines). One task per operation, no timer task beside it.
    private func answeredWhenClosed<Result: Sendable>(
        _ work: sending @escaping (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        // Called once, on the one connection the pool hands over; the caller gave it away.
        nonisolated(unsafe) let work = work
        let lease = ConnectionLease(poolUse: poolUse)
        defer { lease.ended() }
        do {
            return try await OneAnswer.first(running: { [client] answer in
                try await client.withConnection { connection in
                    try lease.began(on: connection)
                    let watch = ConnectionCloseWatch.shared.answering(answer, whenClosing: connection)
                    defer { ConnectionCloseWatch.shared.unwatch(connection, watch) }
                    return try await work(connection)
                }
            }) { [leaseTimeout] answer in
                guard let leaseTimeout else { return {} }
                let deadline = LeaseDeadlines.shared.add(deadline: .now() + TimeAmount(leaseTimeout)) {
                    if lease.expireIfWaiting() {
                        answer.give(.failure(DatabaseUnavailable(reason: "no database connection within \(leaseTimeout)")))
                    }
                }
                return { LeaseDeadlines.shared.remove(deadline) }
            }
        } catch {
            throw Self.named(error, lease: lease)
        }
    }

    /// Whether the server answers a trivial query within the timeout.
    public func isReachable(timeout: Duration = .seconds(2)) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                // Through read: a statement lost with its connection must not hold the group.
                (try? await read { try await $0.query("SELECT 1", logger: logger) }) != nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// Runs `operation`, which calls `try lease.began(on:)` once it holds a connection; counts it in
    /// `poolUse`; gives up waiting after `leaseTimeout`; names a lost database as such. Only for
    /// `readStreaming`, whose work must stay in the caller's task: the wait is bounded by a timer
    /// task beside it, which an export (seconds long) does not feel.
    private func leased<Result: Sendable>(
        _ operation: (ConnectionLease) async throws -> Result
    ) async throws -> Result {
        let lease = ConnectionLease(poolUse: poolUse)
        defer { lease.ended() }
        do {
            guard let leaseTimeout else { return try await operation(lease) }
            return try await withoutActuallyEscaping(operation) { escapable in
                // The operation runs in a child task while this one only waits for the group, so
                // what it captures is never touched by two tasks at once.
                nonisolated(unsafe) let operation = escapable
                return try await withThrowingTaskGroup(of: LeaseOutcome<Result>.self) { group in
                    group.addTask { .finished(try await operation(lease)) }
                    group.addTask {
                        try? await Task.sleep(for: leaseTimeout)
                        if lease.expireIfWaiting() {
                            throw DatabaseUnavailable(reason: "no database connection within \(leaseTimeout)")
                        }
                        return .timerDone
                    }
                    while let outcome = try await group.next() {
                        if case .finished(let result) = outcome {
                            group.cancelAll()
                            return result
                        }
                    }
                    throw CancellationError()
                }
            }
        } catch {
            throw Self.named(error, lease: lease)
        }
    }

    /// A connection that could not be had, or one the server dropped, is an outage, not a bug.
    private static func named(_ error: any Error, lease: ConnectionLease) -> any Error {
        if error is DatabaseUnavailable { return error }
        if !Task.isCancelled, !lease.hasBegun || DatabaseUnavailable.isConnectionLoss(error) {
            return DatabaseUnavailable(reason: LoggedError.text(error))
        }
        return error
    }
}

private enum LeaseOutcome<Result: Sendable>: Sendable {
    case finished(Result)
    case timerDone
}
