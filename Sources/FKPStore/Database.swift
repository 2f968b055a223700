import Logging
import PostgresNIO

/// The pooled connection to PostgreSQL and the one way to write through it: `write(_:_:)` opens a
/// transaction that first declares its `WriteContext`, so the database can audit every row it changes.
public struct Database: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func write<Result: Sendable>(
        _ context: WriteContext,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await connection.query("""
                    SELECT audit.declare(\(context.actor), \(context.role), \(context.action), \(context.reason),
                                         \(context.forumID), \(context.regionCode), \(context.decisionRef),
                                         \(context.requestID))
                    """, logger: logger)
                return try await body(connection)
            }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }

    /// Reads run on any pooled connection, outside an explicit transaction.
    public func read<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in try await body(connection) }
    }

    /// Whether the server answers a trivial query within the timeout.
    public func isReachable(timeout: Duration = .seconds(2)) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                (try? await client.query("SELECT 1", logger: logger)) != nil
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
}
