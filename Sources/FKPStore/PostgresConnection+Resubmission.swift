import PostgresNIO

extension PostgresConnection {
    /// Holds, until the transaction ends, the lock on one place where a form sent twice must not
    /// add twice: the second sending waits for the first to commit, then finds what it added.
    func lockResubmissions(of place: String, logger: Logger) async throws {
        try await query("SELECT pg_advisory_xact_lock(hashtextextended(\(place), 0))", logger: logger)
    }
}

/// How long after a form made something the same form, arriving again, is taken for a resubmission
/// (a second tap, a browser's retry) rather than a new request from a page left open: minutes, as a
/// slow connection or a large regency's ranking takes, not the rest of the day.
enum Resubmission {
    static let window = "10 minutes"
}
