import PostgresNIO

extension PostgresConnection {
    /// Holds, until the transaction ends, the lock on one place where a form sent twice must not
    /// add twice: the second sending waits for the first to commit, then finds what it added.
    func lockResubmissions(of place: String, logger: Logger) async throws {
        try await query("SELECT pg_advisory_xact_lock(hashtextextended(\(place), 0))", logger: logger)
    }
}
