import FKPCore
import PostgresNIO

/// Who came to a forum: recorded by the facilitator once the forum is open.
public struct AttendanceRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Marks participant `participantID` of the forum as present or absent, with the name of a
    /// representative standing in for an SLS head. False when the record changed otherwise since
    /// `expectedVersion` was read, or is not the forum's.
    public func record(participantID: Int64, forumID: Int64, attended: Bool, representative: String?, expectedVersion: Int,
                       context: WriteContext) async throws -> Bool {
        let representative = attended ? representative?.trimmingWhitespace.nilIfEmpty : nil
        return try await database.write(context) { connection in
            let rows = try await connection.query("""
                UPDATE fkp.forum_participants
                   SET attended = \(attended), representative_name = \(representative),
                       attended_at = CASE WHEN \(attended) THEN coalesce(attended_at, now()) END, version = version + 1
                 WHERE id = \(participantID) AND forum_id = \(forumID) AND version = \(expectedVersion)
                RETURNING id
                """, logger: database.logger)
            for try await _ in rows.decode(Int64.self) { return true }
            // Not at the version the form was shown with: the row already holding what it asks is
            // the form sent twice (a second tap on a slow connection), answered as its first sending was.
            let same = try await connection.query("""
                SELECT id FROM fkp.forum_participants
                 WHERE id = \(participantID) AND forum_id = \(forumID) AND attended = \(attended)
                   AND representative_name IS NOT DISTINCT FROM \(representative)
                """, logger: database.logger)
            for try await _ in same.decode(Int64.self) { return true }
            return false
        }
    }
}
