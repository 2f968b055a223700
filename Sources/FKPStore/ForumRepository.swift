import FKPCore
import Foundation
import PostgresNIO

/// Forums and the units they cover.
public struct ForumRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Creates a planned forum with its units in one transaction; the database checks the rules
    /// (one to twelve units, all inside the village, none in another open forum).
    public func plan(_ plan: ForumPlan, context: WriteContext) async throws -> Int64 {
        try await database.write(context) { connection in
            let rows = try await connection.query("""
                INSERT INTO fkp.forums (region_code, held_at_level, title, starts_at, ends_at, venue)
                VALUES (\(plan.place.value), \(plan.heldAt.rawValue), \(plan.title), \(plan.startsAt), \(plan.endsAt), \(plan.venue))
                RETURNING id
                """, logger: database.logger)
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            for (index, unit) in plan.units.enumerated() {
                try await connection.query("""
                    INSERT INTO fkp.forum_units (forum_id, sls_code, position) VALUES (\(id), \(unit.value), \(index + 1))
                    """, logger: database.logger)
            }
            return id
        }
    }

    /// Moves the forum from `from` to `to`; false when it is no longer in `from` (someone else
    /// moved it first). The database refuses moves the forum's life does not allow.
    public func move(_ id: Int64, from: ForumState, to: ForumState, context: WriteContext) async throws -> Bool {
        try await database.write(context) { connection in
            let rows = try await connection.query("""
                UPDATE fkp.forums SET state = \(to.rawValue), version = version + 1
                 WHERE id = \(id) AND state = \(from.rawValue)
                RETURNING id
                """, logger: database.logger)
            for try await _ in rows.decode(Int64.self) { return true }
            return false
        }
    }

    public enum TeamRole: String, CaseIterable, Sendable {
        case facilitator
        case assistantFacilitator = "assistant_facilitator"
        case administrator
    }

    public struct TeamMember: Sendable, Equatable {
        public var userID: Int64
        public var username: String
        public var displayName: String
        public var role: TeamRole
    }

    /// Books a user into the forum's team; the database refuses a second facilitator or
    /// administrator, a third assistant, and anyone already in a forum at an overlapping time.
    public func addTeamMember(_ forumID: Int64, userID: Int64, role: TeamRole, context: WriteContext) async throws {
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
                found.append(TeamMember(userID: id, username: username, displayName: name, role: TeamRole(rawValue: role) ?? .administrator))
            }
            return found
        }
    }

    public func summary(_ id: Int64) async throws -> ForumSummary? {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT f.id, f.region_code, r.name, f.title, f.starts_at, f.venue, f.state, u.sls_code, ur.name, ur.non_sls
                  FROM fkp.forums f JOIN fkp.regions r ON r.code = f.region_code
                  JOIN fkp.forum_units u ON u.forum_id = f.id JOIN fkp.regions ur ON ur.code = u.sls_code
                 WHERE f.id = \(id) ORDER BY u.position, u.sls_code
                """, logger: database.logger)
            var summary: ForumSummary?
            for try await (id, place, placeName, title, starts, venue, state, unit, unitName, nonSLS)
                in rows.decode((Int64, String, String, String, Date, String, String, String, String, Bool).self) {
                if summary == nil {
                    summary = ForumSummary(id: id, place: try RegionCode(place), placeName: placeName, units: [], title: title,
                                           startsAt: starts, venue: venue, state: ForumState(rawValue: state) ?? .planned)
                }
                summary?.units.append(Region(code: try RegionCode(unit), name: unitName, isNonSLS: nonSLS))
            }
            return summary
        }
    }
}
