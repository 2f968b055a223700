import FKPCore
import Foundation
import PostgresNIO

/// Forums and the units they cover.
public struct ForumRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Creates a planned forum with its units and team in one transaction; the database checks the
    /// rules (one to twelve units, all inside the village, none in another open forum, nobody in
    /// two forums at overlapping times).
    public func plan(_ plan: ForumPlan, context: WriteContext) async throws -> Int64 {
        try await database.write(context) { connection in
            // A form sent twice (a second tap on a slow connection) plans one forum: the same plan,
            // still planned, is the forum the first sending made (the second would be refused for
            // its units and team, which the first one holds).
            try await connection.lockResubmissions(of: "fkp.plan \(plan.place.value)", logger: database.logger)
            if let id = try await forumHolding(plan, id: nil, on: connection) { return id }
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
            for seat in plan.team {
                try await connection.query("""
                    INSERT INTO fkp.forum_team (forum_id, user_id, team_role) VALUES (\(id), \(seat.userID), \(seat.role.rawValue))
                    """, logger: database.logger)
            }
            return id
        }
    }

    /// The planned forum (forum `id`, or any) that holds exactly `plan`: its place and level, title,
    /// times, venue, units in their order and team. What a plan's form, sent twice, finds made.
    private func forumHolding(_ plan: ForumPlan, id: Int64?, on connection: PostgresConnection) async throws -> Int64? {
        let team = plan.team.map { "\($0.userID):\($0.role.rawValue)" }.sorted()
        let same = try await connection.query("""
            SELECT f.id FROM fkp.forums f
             WHERE (\(id)::bigint IS NULL OR f.id = \(id))
               AND f.region_code = \(plan.place.value) AND f.held_at_level = \(plan.heldAt.rawValue) AND f.state = 'planned'
               AND f.title = \(plan.title) AND f.starts_at = \(plan.startsAt) AND f.ends_at = \(plan.endsAt) AND f.venue = \(plan.venue)
               AND ARRAY(SELECT u.sls_code FROM fkp.forum_units u WHERE u.forum_id = f.id ORDER BY u.position) = \(plan.units.map(\.value))
               AND ARRAY(SELECT (t.user_id || ':' || t.team_role) COLLATE "C" AS seat FROM fkp.forum_team t WHERE t.forum_id = f.id
                          ORDER BY seat) = \(team)
             ORDER BY f.id LIMIT 1
            """, logger: database.logger)
        for try await found in same.decode(Int64.self) { return found }
        return nil
    }

    /// A planned forum's plan as it stands, with the version a change must name; nil once the
    /// forum has opened (its plan no longer changes) or when there is no such forum.
    public func plannedPlan(_ forumID: Int64) async throws -> (plan: ForumPlan, version: Int)? {
        try await database.read { connection in
            var found: (plan: ForumPlan, version: Int)?
            let forum = try await connection.query("""
                SELECT region_code, held_at_level, title, starts_at, ends_at, venue, version FROM fkp.forums
                 WHERE id = \(forumID) AND state = 'planned'
                """, logger: database.logger)
            for try await (place, heldAt, title, starts, ends, venue, version)
                in forum.decode((String, String, String, Date, Date, String, Int32).self) {
                found = (ForumPlan(place: try RegionCode(place), heldAt: ForumPlan.HeldAt(rawValue: heldAt) ?? .village, units: [],
                                   title: title, startsAt: starts, endsAt: ends, venue: venue), Int(version))
            }
            guard var current = found else { return nil }
            for try await unit in try await connection.query("""
                SELECT sls_code FROM fkp.forum_units WHERE forum_id = \(forumID) ORDER BY position, sls_code
                """, logger: database.logger).decode(String.self) { current.plan.units.append(try RegionCode(unit)) }
            for try await (user, role) in try await connection.query("""
                SELECT user_id, team_role FROM fkp.forum_team WHERE forum_id = \(forumID) ORDER BY team_role DESC, user_id
                """, logger: database.logger).decode((Int64, String).self) {
                if let role = ForumTeamRole(rawValue: role) { current.plan.team.append((user, role)) }
            }
            return current
        }
    }

    /// Changes a planned forum to `plan` (its place stays) if it is still planned at
    /// `expectedVersion` (true also when it already holds `plan`: the form sent twice); false
    /// otherwise. One transaction: seats that go are freed before the time moves, so the remaining
    /// and the new team are checked at the new time; a unit that leaves takes its head's invitation
    /// with it. The database checks every rule, as when planning.
    public func replan(_ forumID: Int64, to plan: ForumPlan, expectedVersion: Int, context: WriteContext) async throws -> Bool {
        try await database.write(context) { connection in
            var current = false
            for try await _ in try await connection.query("""
                SELECT id FROM fkp.forums WHERE id = \(forumID) AND state = 'planned' AND version = \(expectedVersion) FOR UPDATE
                """, logger: database.logger).decode(Int64.self) { current = true }
            // Changed since the form was shown: into this very plan is the form sent twice (a second tap
            // on a slow connection), answered as its first sending was.
            guard current else { return try await forumHolding(plan, id: forumID, on: connection) != nil }
            let users = plan.team.map(\.userID), roles = plan.team.map(\.role.rawValue)
            try await connection.query("""
                DELETE FROM fkp.forum_team t WHERE t.forum_id = \(forumID)
                   AND NOT EXISTS (SELECT 1 FROM unnest(\(users)::bigint[], \(roles)::text[]) AS s(user_id, team_role)
                                    WHERE s.user_id = t.user_id AND s.team_role = t.team_role)
                """, logger: database.logger)
            try await connection.query("""
                UPDATE fkp.forums SET title = \(plan.title), starts_at = \(plan.startsAt), ends_at = \(plan.endsAt), venue = \(plan.venue),
                       version = version + 1
                 WHERE id = \(forumID)
                """, logger: database.logger)
            for seat in plan.team {
                try await connection.query("""
                    INSERT INTO fkp.forum_team (forum_id, user_id, team_role) VALUES (\(forumID), \(seat.userID), \(seat.role.rawValue))
                    ON CONFLICT (forum_id, user_id) DO NOTHING
                    """, logger: database.logger)
            }
            let units = plan.units.map(\.value)
            try await connection.query("""
                DELETE FROM fkp.forum_participants WHERE forum_id = \(forumID) AND kind = 'sls_head' AND sls_code <> ALL(\(units))
                """, logger: database.logger)
            try await connection.query("""
                DELETE FROM fkp.forum_units WHERE forum_id = \(forumID) AND sls_code <> ALL(\(units))
                """, logger: database.logger)
            for (index, unit) in plan.units.enumerated() {
                try await connection.query("""
                    INSERT INTO fkp.forum_units (forum_id, sls_code, position) VALUES (\(forumID), \(unit.value), \(index + 1))
                    ON CONFLICT (forum_id, sls_code) DO UPDATE SET position = EXCLUDED.position
                     WHERE fkp.forum_units.position <> EXCLUDED.position
                    """, logger: database.logger)
            }
            return true
        }
    }

    /// Calls off a planned forum, with a reason, if it is still planned at `expectedVersion`;
    /// false otherwise. Its units and team are free again; the forum and its chain are kept.
    public func cancel(_ forumID: Int64, reason: String, expectedVersion: Int, context: WriteContext) async throws -> Bool {
        try await database.write(context) { connection in
            let rows = try await connection.query("""
                UPDATE fkp.forums SET state = 'cancelled', cancel_reason = \(reason), version = version + 1
                 WHERE id = \(forumID) AND state = 'planned' AND version = \(expectedVersion)
                RETURNING id
                """, logger: database.logger)
            for try await _ in rows.decode(Int64.self) { return true }
            return false
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

    /// A forum in a region's list: its state, date and how far its review has come.
    public struct Listed: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var place: RegionCode
        public var placeName: String
        public var startsAt: Date
        public var endsAt: Date
        public var venue: String
        public var state: ForumState
        public var families: Int
        public var reviewed: Int
        /// Units of the forum that the person listing it heads (their own lists), by position.
        public var ownUnits: [Place] = []

        public struct Place: Sendable, Equatable {
            public var code: String
            public var name: String
        }
    }

    /// The forums held in `region` or below it, and those held above it that take one of its units
    /// (a village's in a district's forum), soonest first, `limit` at a time: those after forum
    /// `after` in that order, only those in `state` when it is given. (A province holds thousands:
    /// each listed forum's families and verdicts are counted, for the page's forums only.)
    public func list(within region: RegionCode, state: ForumState? = nil, after: Int64? = nil, limit: Int) async throws -> [Listed] {
        try await list("""
            WITH own(place) AS (SELECT NULL::text WHERE false)
            \(unescaped: Self.listedColumns)
             WHERE \(Self.heldIn(region))
               AND (\(state?.rawValue)::text IS NULL OR f.state = \(state?.rawValue))
               AND (\(after)::bigint IS NULL OR (f.starts_at, f.id) > (SELECT a.starts_at, a.id FROM fkp.forums a WHERE a.id = \(after)))
             ORDER BY f.starts_at, f.id
             LIMIT \(limit)
            """)
    }

    /// How many forums `list(within:)` lists for `region`, in each state that any is in.
    public func stateCounts(within region: RegionCode) async throws -> [ForumState: Int] {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT f.state, count(*) FROM fkp.forums f WHERE \(Self.heldIn(region))
                 GROUP BY f.state
                """, logger: database.logger)
            var counts: [ForumState: Int] = [:]
            for try await (state, count) in rows.decode((String, Int64).self) {
                if let state = ForumState(rawValue: state) { counts[state] = Int(count) }
            }
            return counts
        }
    }

    /// Whether forum `f` is held in `region` or below it, or above it with one of its units. Forums
    /// are held for villages and districts, so only a village's or a unit's list has forums above
    /// it to look for, among those of one or two places (by the forums' place index, then each
    /// one's few units).
    static func heldIn(_ region: RegionCode) -> SQLFragment {
        let within: SQLFragment = "(f.region_code ~>=~ \(region.value) AND f.region_code ~<~ \(region.value + ":"))"
        let above = region.lineage.dropLast().filter { ForumPlan.HeldAt(planningAt: $0.level) != nil }.map(\.value)
        guard !above.isEmpty else { return within }
        return """
            (\(within)
             OR (f.region_code = ANY(\(above)) AND EXISTS (SELECT 1 FROM fkp.forum_units u WHERE u.forum_id = f.id
                                                         AND u.sls_code ~>=~ \(region.value) AND u.sls_code ~<~ \(region.value + ":"))))
            """
    }

    /// The forums a person takes part in: on its team, invited to it, heading one of its units,
    /// facilitating in its place (or taking one of its units, a district's forum), or a community
    /// figure of it. Open ones first, then the newest.
    public func list(takenPartInBy principal: Principal) async throws -> [Listed] {
        let places = { (role: Role) in principal.assignments.filter { $0.role == role }.compactMap { $0.region?.value } }
        let figureForums = principal.assignments.filter { $0.role == .communityFigure }.compactMap(\.forumID)
        return try await list("""
            WITH own(place) AS (SELECT unnest(\(places(.slsHead))::text[]))
            \(unescaped: Self.listedColumns)
             WHERE f.id IN (SELECT forum_id FROM fkp.forum_team WHERE user_id = \(principal.userID)
                            UNION SELECT forum_id FROM fkp.forum_participants WHERE user_id = \(principal.userID))
                OR f.id = ANY(\(figureForums))
                OR EXISTS (SELECT 1 FROM fkp.forum_units u JOIN unnest(\(places(.slsHead) + places(.facilitator))::text[]) AS p(place)
                                ON u.sls_code ~>=~ p.place AND u.sls_code ~<~ (p.place || ':')
                            WHERE u.forum_id = f.id)
                OR EXISTS (SELECT 1 FROM unnest(\(places(.facilitator))::text[]) p WHERE f.region_code ~>=~ p AND f.region_code ~<~ (p || ':'))
             ORDER BY NOT fkp.forum_holds_units(f.state), f.starts_at DESC, f.id DESC
            """)
    }

    /// The columns of a `Listed`, for a query that defines `own(place)`: the places whose units
    /// are the person's own.
    private static let listedColumns = """
        SELECT f.id, f.title, f.region_code, r.name, f.starts_at, f.ends_at, f.venue, f.state,
               (SELECT count(*) FROM fkp.forum_units u JOIN fkp.families fam
                    ON fam.sls_code ~>=~ u.sls_code AND fam.sls_code ~<~ (u.sls_code || ':') WHERE u.forum_id = f.id),
               (SELECT count(*) FROM fkp.reviews v WHERE v.forum_id = f.id AND v.verdict IS NOT NULL),
               ARRAY(SELECT u.sls_code FROM fkp.forum_units u JOIN own ON u.sls_code ~>=~ own.place AND u.sls_code ~<~ (own.place || ':')
                      WHERE u.forum_id = f.id ORDER BY u.position),
               ARRAY(SELECT ur.name FROM fkp.forum_units u JOIN own ON u.sls_code ~>=~ own.place AND u.sls_code ~<~ (own.place || ':')
                       JOIN fkp.regions ur ON ur.code = u.sls_code
                      WHERE u.forum_id = f.id ORDER BY u.position)
          FROM fkp.forums f JOIN fkp.regions r ON r.code = f.region_code
        """

    private func list(_ query: PostgresQuery) async throws -> [Listed] {
        try await database.read { connection in
            let rows = try await connection.query(query, logger: database.logger)
            var found: [Listed] = []
            for try await (id, title, place, name, starts, ends, venue, state, families, reviewed, unitCodes, unitNames)
                in rows.decode((Int64, String, String, String, Date, Date, String, String, Int64, Int64, [String], [String]).self) {
                found.append(Listed(id: id, title: title, place: try RegionCode(place), placeName: name, startsAt: starts, endsAt: ends, venue: venue,
                                    state: ForumState(rawValue: state) ?? .planned, families: Int(families), reviewed: Int(reviewed),
                                    ownUnits: zip(unitCodes, unitNames).map { .init(code: $0, name: $1) }))
            }
            return found
        }
    }

    /// Units of `place` already in a forum that is not closed, with that forum's id.
    public func bookedUnits(in place: RegionCode) async throws -> [String: Int64] {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT u.sls_code, u.forum_id FROM fkp.forum_units u JOIN fkp.forums f ON f.id = u.forum_id
                 WHERE fkp.forum_holds_units(f.state) AND u.sls_code ~>=~ \(place.value) AND u.sls_code ~<~ \(place.value + ":")
                """, logger: database.logger)
            var booked: [String: Int64] = [:]
            for try await (unit, forum) in rows.decode((String, Int64).self) { booked[unit] = forum }
            return booked
        }
    }

    public func summary(_ id: Int64) async throws -> ForumSummary? {
        try await stampedSummary(id)?.forum
    }

    /// The forum, and where the audit trail stood for what its pages show (read first, so that
    /// whatever is read after it is at least as new).
    public func stampedSummary(_ id: Int64) async throws -> (forum: ForumSummary, stamp: ForumDataStamp)? {
        try await database.read { connection in
            var summary: ForumSummary?
            var stamp = ForumDataStamp(forum: "", regency: "", national: "")
            for try await row in try await connection.query(ForumWithUnits.self, id, logger: database.logger) {
                let (id, place, placeName, title, starts, venue, state, unit, unitName, nonSLS, cancelReason, heads)
                    = try row.decode((Int64, String, String, String, Date, String, String, String, String, Bool, String?, [String]).self)
                if summary == nil {
                    summary = ForumSummary(id: id, place: try RegionCode(place), placeName: placeName, units: [], title: title,
                                           startsAt: starts, venue: venue, state: ForumState(rawValue: state) ?? .planned,
                                           cancelReason: cancelReason)
                    stamp = ForumDataStamp(heads)
                }
                summary?.units.append(Region(code: try RegionCode(unit), name: unitName, isNonSLS: nonSLS))
            }
            return summary.map { ($0, stamp) }
        }
    }

    /// The head hashes of a forum `f`'s chain, its regency's and the national one ('' for a chain
    /// not begun), in ForumDataStamp's order; the session read asks for it too (SessionRepository).
    /// One look-up of the three names, not a sub-query each: every view of a kept review page runs
    /// it, and three sub-queries made the session's read take 1.4 times as long.
    static let chainHeads = """
        (SELECT array_agg(coalesce(h.hash, '') ORDER BY c.n)
           FROM unnest(ARRAY['forum:' || f.id, 'regency:' || left(f.region_code, 4), 'national']) WITH ORDINALITY c (chain, n)
           LEFT JOIN audit.chain_heads h ON h.chain = c.chain)
        """

    /// A forum held above village level takes units of several villages, which name theirs alike
    /// ("RT 001"): each unit is named with its village there.
    private enum ForumWithUnits: PlannedSQL {
        static let sql = """
            WITH heads AS (SELECT \(chainHeads) AS hashes FROM fkp.forums f WHERE f.id = $1)
            SELECT f.id, f.region_code, r.name, f.title, f.starts_at, f.venue, f.state, u.sls_code,
                   CASE WHEN f.held_at_level = 'above_village'
                        THEN ur.name || coalesce(' · ' || (SELECT v.name FROM fkp.regions v WHERE v.code = left(u.sls_code, 10)), '')
                        ELSE ur.name END,
                   ur.non_sls, f.cancel_reason, heads.hashes
              FROM heads, fkp.forums f JOIN fkp.regions r ON r.code = f.region_code
              JOIN fkp.forum_units u ON u.forum_id = f.id JOIN fkp.regions ur ON ur.code = u.sls_code
             WHERE f.id = $1 ORDER BY u.position, u.sls_code
            """
    }
}
