import FKPCore
import Foundation
import PostgresNIO

/// The minutes of a forum: assembled from its records while its version is open, stored as
/// printed when it closes (fkp.minutes.document), with the notes the team adds.
public struct MinutesRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// The forum's current version and the version numbers it has had.
    public func versions(forumID: Int64) async throws -> (current: Int, all: [Int])? {
        try await database.read { connection in
            let rows = try await connection.query("SELECT forum_version FROM fkp.forums WHERE id = \(forumID)", logger: database.logger)
            for try await current in rows.decode(Int32.self) { return (Int(current), Array(1...Int(current))) }
            return nil
        }
    }

    /// The minutes of `version`: as stored at its closing, or else assembled from the records now
    /// (only the current version can be assembled; a past one was always stored when it closed).
    public func minutes(forumID: Int64, version: Int) async throws -> MinutesDocument? {
        if let stored = try await stored(forumID: forumID, version: version) { return stored }
        guard try await versions(forumID: forumID)?.current == version else { return nil }
        return try await assemble(forumID: forumID)
    }

    func stored(forumID: Int64, version: Int) async throws -> MinutesDocument? {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT document::text FROM fkp.minutes WHERE forum_id = \(forumID) AND forum_version = \(version) AND document IS NOT NULL
                """, logger: database.logger)
            for try await text in rows.decode(String.self) { return try MinutesDocument.decode(Data(text.utf8)) }
            return nil
        }
    }

    /// The current version's minutes from the forum's records as they are now.
    public func assemble(forumID: Int64) async throws -> MinutesDocument? {
        guard let forum = try await ForumRepository(database: database).summary(forumID) else { return nil }
        let team = try await ForumRepository(database: database).team(forumID)
        let participants = try await InvitationRepository(database: database).participants(forumID: forumID)
        let tallies = try await ReviewRepository(database: database).tally(forumID: forumID)
        return try await database.read { connection in
            var version = 1, endsAt = forum.startsAt, notes = ""
            for try await (v, ends, text) in try await connection.query("""
                SELECT f.forum_version, f.ends_at, coalesce(m.notes, '') FROM fkp.forums f
                  LEFT JOIN fkp.minutes m ON m.forum_id = f.id AND m.forum_version = f.forum_version
                 WHERE f.id = \(forumID)
                """, logger: database.logger).decode((Int32, Date, String).self) {
                (version, endsAt, notes) = (Int(v), ends, text)
            }
            var names: [String] = []
            for try await name in try await connection.query("""
                SELECT name FROM fkp.regions WHERE code = ANY(\(forum.place.lineage.map(\.value))) AND length(code) >= 4
                 ORDER BY length(code) DESC
                """, logger: database.logger).decode(String.self) { names.append(name) }
            var challenges = MinutesDocument.ChallengeCounts()
            for try await (status, count) in try await connection.query("""
                SELECT status, count(*) FROM fkp.challenges WHERE forum_id = \(forumID) GROUP BY status
                """, logger: database.logger).decode((String, Int64).self) {
                challenges.raised += Int(count)
                switch status {
                case "accepted": challenges.accepted += Int(count)
                case "rejected": challenges.rejected += Int(count)
                case "withdrawn": challenges.withdrawn += Int(count)
                default: break
                }
            }
            let units = tallies.map { unit, tally in
                let head = participants.first { $0.kind == "sls_head" && $0.unit == unit.value }
                return MinutesDocument.Unit(code: unit.value, name: forum.units.first { $0.code == unit }?.name ?? unit.value,
                                            head: head?.fullName, attended: head?.attended ?? false,
                                            representative: head?.representative, counts: MinutesDocument.Counts(tally))
            }
            return MinutesDocument(
                forumID: forumID, forumVersion: version, title: forum.title, placeCode: forum.place.value, placeNames: names,
                startsAt: forum.startsAt, endsAt: endsAt, venue: forum.venue,
                team: team.map { MinutesDocument.TeamMember(role: $0.role, name: $0.displayName) },
                units: units,
                figures: participants.filter { $0.kind == "community_figure" }.map { MinutesDocument.Figure(name: $0.fullName, attended: $0.attended) },
                challenges: challenges, notes: notes)
        }
    }

    /// The notes of the current version's minutes and the version of their row (0 before the
    /// first save), which a save must name.
    public func notes(forumID: Int64) async throws -> (notes: String, version: Int) {
        try await database.read { connection in try await currentNotes(forumID: forumID, on: connection) }
    }

    private func currentNotes(forumID: Int64, on connection: PostgresConnection) async throws -> (notes: String, version: Int) {
        let rows = try await connection.query("""
            SELECT m.notes, m.version FROM fkp.forums f
              JOIN fkp.minutes m ON m.forum_id = f.id AND m.forum_version = f.forum_version
             WHERE f.id = \(forumID)
            """, logger: database.logger)
        for try await (notes, version) in rows.decode((String, Int32).self) { return (notes, Int(version)) }
        return ("", 0)
    }

    public enum NotesOutcome: Sendable, Equatable {
        case saved(version: Int)
        /// Someone saved other notes since the form was shown: theirs, and the version to name.
        case stale(current: String, version: Int)
    }

    /// Writes the notes of the current version's minutes if they are still at `expectedVersion`
    /// (two of the team writing at once must not overwrite each other unseen). The database takes
    /// them only while the forum is ready to close and no one has signed yet.
    public func saveNotes(forumID: Int64, notes: String, expectedVersion: Int, context: WriteContext) async throws -> NotesOutcome {
        try await database.write(context) { connection in
            // Version 0: the version's first notes, written only if nobody wrote any meanwhile.
            let rows = expectedVersion == 0
                ? try await connection.query("""
                    INSERT INTO fkp.minutes (forum_id, forum_version, notes)
                    SELECT id, forum_version, \(notes) FROM fkp.forums WHERE id = \(forumID)
                    ON CONFLICT (forum_id, forum_version) DO NOTHING
                    RETURNING version
                    """, logger: database.logger)
                : try await connection.query("""
                    UPDATE fkp.minutes m SET notes = \(notes), version = m.version + 1
                      FROM fkp.forums f
                     WHERE f.id = \(forumID) AND m.forum_id = f.id AND m.forum_version = f.forum_version
                       AND m.version = \(expectedVersion) AND m.notes IS DISTINCT FROM \(notes)
                    RETURNING m.version
                    """, logger: database.logger)
            for try await version in rows.decode(Int32.self) { return .saved(version: Int(version)) }
            // Nothing written: unchanged notes at the expected version; these very notes saved since (the
            // form sent twice, a second tap on a slow connection), answered as the first sending was;
            // or someone else's notes since.
            let current = try await currentNotes(forumID: forumID, on: connection)
            guard current.version == expectedVersion || current.notes == notes else { return .stale(current: current.notes, version: current.version) }
            return .saved(version: current.version)
        }
    }
}
