import PostgresNIO

extension PostgresConnection {
    /// Runs `body` between BEGIN and COMMIT, or ROLLBACK when it throws, and throws what went wrong
    /// itself (the work's error, the commit's or the start's), as the work would without a
    /// transaction. Unlike PostgresNIO's `withTransaction`, no ROLLBACK is written to a connection
    /// that is already gone (PostgreSQL rolls back a lost session's transaction by itself):
    /// PostgresNIO 1.33 drops a query written to a closed connection without ever answering it,
    /// which left the request waiting forever when PostgreSQL restarted under load.
    func transaction<Result: Sendable>(logger: Logger, isolation: isolated (any Actor)? = #isolation,
                                       _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await query("BEGIN", logger: logger)
        let result: Result
        do {
            result = try await body(self)
        } catch {
            if !isClosed { _ = try? await query("ROLLBACK", logger: logger) }
            throw error
        }
        try await query("COMMIT", logger: logger)
        return result
    }
}
