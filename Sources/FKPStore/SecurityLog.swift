import PostgresNIO

/// The security log (logins, throttling, activations) and the log of every full personal number
/// shown or exported. Both are append-only tables an auditor reads; no personal number is written.
public struct SecurityLog: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func record(_ event: String, username: String?, address: String?, detail: String? = nil, requestID: String? = nil) async throws {
        try await database.read { connection in
            try await connection.query("""
                INSERT INTO audit.security_events (event, username, address, detail, request_id)
                VALUES (\(event), \(username), \(address), \(detail), \(requestID))
                """, logger: database.logger)
        }
    }

    /// `what` names the kind of number and where it was shown; `subject` the family (never the number).
    public func recordPersonalDataAccess(username: String, what: String, subjects: [String], requestID: String?) async throws {
        guard !subjects.isEmpty else { return }
        try await database.read { connection in
            try await connection.query("""
                INSERT INTO audit.personal_data_access (username, what, subject, request_id)
                SELECT \(username), \(what), s, \(requestID) FROM unnest(\(subjects)::text[]) AS s
                """, logger: database.logger)
        }
    }
}
