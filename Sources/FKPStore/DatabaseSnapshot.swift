import PostgresNIO

/// What one transaction sees of the database, shared with others (`pg_export_snapshot`), so that
/// several connections reading at once read the same state, as one reading would: entries written
/// meanwhile by forums at work are seen by all of them or by none.
struct DatabaseSnapshot: Sendable {
    /// PostgreSQL's name for it, such as `00000003-0000001B-1`.
    let id: String

    /// Starts the current transaction of `connection` (which must not have read anything yet) as a
    /// read-only one whose snapshot others can adopt while it stays open.
    static func export(on connection: PostgresConnection, logger: Logger) async throws -> DatabaseSnapshot {
        try await connection.query(readOnlySnapshot, logger: logger)
        for try await id in try await connection.query("SELECT pg_export_snapshot()", logger: logger).decode(String.self) {
            // The name is spliced into SET TRANSACTION SNAPSHOT, which takes no parameter.
            guard !id.isEmpty, id.utf8.allSatisfy({ Self.nameBytes.contains($0) }) else { break }
            return DatabaseSnapshot(id: id)
        }
        throw DatabaseSnapshotError.noName
    }

    /// Makes the current transaction of `connection`, just begun, see what the exporting one sees.
    func adopt(on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(Self.readOnlySnapshot, logger: logger)
        try await connection.query(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(id)'"), logger: logger)
    }

    /// One snapshot for the whole transaction, which writes nothing (its first statement).
    static let readOnlySnapshot: PostgresQuery = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"

    private static let nameBytes = Set("0123456789ABCDEFabcdef-".utf8)
}

enum DatabaseSnapshotError: Error {
    /// PostgreSQL gave no snapshot name of the expected form.
    case noName
}
