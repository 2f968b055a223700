import FKPCore
import Foundation
import PostgresNIO

/// A forum's team: who sits in it, who may, and who is already booked at the same time.
extension ForumRepository {
    public struct TeamMember: Sendable, Equatable {
        public var userID: Int64
        public var username: String
        public var displayName: String
        public var role: ForumTeamRole
    }

    /// Books a user into the forum's team; the database refuses a second facilitator or
    /// administrator, a third assistant, and anyone already in a forum at an overlapping time.
    public func addTeamMember(_ forumID: Int64, userID: Int64, role: ForumTeamRole, context: WriteContext) async throws {
        try await database.write(context) { connection in
            try await connection.query("""
                INSERT INTO fkp.forum_team (forum_id, user_id, team_role) VALUES (\(forumID), \(userID), \(role.rawValue))
                """, logger: database.logger)
        }
    }

    public func team(_ forumID: Int64) async throws -> [TeamMember] {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT u.id, u.username, u.display_name, t.team_role FROM fkp.forum_team t JOIN fkp.users u ON u.id = t.user_id
                 WHERE t.forum_id = \(forumID) ORDER BY t.team_role DESC, u.display_name
                """, logger: database.logger)
            var found: [TeamMember] = []
            for try await (id, username, name, role) in rows.decode((Int64, String, String, String).self) {
                found.append(TeamMember(userID: id, username: username, displayName: name, role: ForumTeamRole(rawValue: role) ?? .administrator))
            }
            return found
        }
    }

    /// Forums in which any of `userIDs` sits at a time overlapping the given one (apart from the
    /// forum whose plan is being changed; cancelled ones book no one).
    public func overlappingBookings(userIDs: [Int64], startsAt: Date, endsAt: Date,
                                    apartFrom forumID: Int64? = nil) async throws -> [(name: String, forumID: Int64)] {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT u.display_name, f.id FROM fkp.forum_team t JOIN fkp.forums f ON f.id = t.forum_id JOIN fkp.users u ON u.id = t.user_id
                 WHERE t.user_id = ANY(\(userIDs)) AND tstzrange(f.starts_at, f.ends_at) && tstzrange(\(startsAt), \(endsAt))
                   AND f.id IS DISTINCT FROM \(forumID) AND fkp.forum_books_team(f.state)
                 ORDER BY u.display_name, f.id
                """, logger: database.logger)
            var found: [(name: String, forumID: Int64)] = []
            for try await (name, id) in rows.decode((String, Int64).self) { found.append((name, id)) }
            return found
        }
    }

    /// People who may sit in the team of a forum in `place`: facilitators and BPS staff whose region
    /// covers it, and those of a place within it (a village's facilitator in a district's forum),
    /// each with the names of the places they are assigned to in that role.
    public func teamCandidates(for place: RegionCode) async throws
        -> [(userID: Int64, name: String, username: String, role: Role, places: String)] {
        let covering = place.lineage.map(\.value)
        return try await database.read { connection in
            let rows = try await connection.query("""
                SELECT u.id, u.display_name, u.username, a.role, string_agg(DISTINCT coalesce(r.name, a.region_code), ', ')
                  FROM fkp.users u JOIN fkp.role_assignments a ON a.user_id = u.id AND a.revoked_at IS NULL
                  LEFT JOIN fkp.regions r ON r.code = a.region_code
                 WHERE u.disabled_at IS NULL AND a.role IN ('facilitator', 'bps_staff')
                   AND (a.region_code = ANY(\(covering)) OR a.region_code ~>=~ \(place.value) AND a.region_code ~<~ \(place.value + ":"))
                 GROUP BY u.id, u.display_name, u.username, a.role
                 ORDER BY a.role DESC, u.display_name
                """, logger: database.logger)
            var found: [(userID: Int64, name: String, username: String, role: Role, places: String)] = []
            for try await (id, name, username, role, places) in rows.decode((Int64, String, String, String, String).self) {
                if let role = Role(rawValue: role) { found.append((id, name, username, role, places)) }
            }
            return found
        }
    }
}
