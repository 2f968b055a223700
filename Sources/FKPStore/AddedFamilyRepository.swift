import FKPCore
import Foundation
import PostgresNIO

/// Families a forum adds to a unit's list because they were missing from it.
public struct AddedFamilyRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Listed: Sendable, Equatable {
        public var id: Int64
        public var unit: String
        public var family: AddedFamily
        public var createdBy: String?
        public var version: Int
        public var withdrawal: Withdrawal?
        public var openChallenges: Int

        /// Counted in the summaries and the re-ranking unless withdrawn.
        public var counts: Bool { withdrawal == nil }
    }

    /// Why and by whom an added family was taken off the list again.
    public struct Withdrawal: Sendable, Equatable {
        public var by: String
        public var reason: String
    }

    public func add(_ family: AddedFamily, forumID: Int64, unit: RegionCode, context: WriteContext) async throws -> Int64 {
        let f = family.normalized
        let members = Int32(f.members ?? 0), group = Int16(f.proposedGroup?.rawValue ?? 0)
        return try await database.write(context) { connection in
            // A form sent twice (a second tap on a slow connection) adds the family once: the same
            // person adding the very same family to the unit is the one addition they meant.
            try await connection.lockResubmissions(of: "fkp.added \(forumID)/\(unit.value)", logger: database.logger)
            let same = try await connection.query("""
                SELECT id FROM fkp.added_families
                 WHERE forum_id = \(forumID) AND sls_code = \(unit.value) AND head_name = \(f.headName) AND address = \(f.address)
                   AND members = \(members) AND presence = \(f.presence.rawValue) AND proposed_group = \(group) AND reason = \(f.reason)
                   AND created_by IS NOT DISTINCT FROM \(context.actor)
                 ORDER BY id LIMIT 1
                """, logger: database.logger)
            for try await id in same.decode(Int64.self) { return id }
            let rows = try await connection.query("""
                INSERT INTO fkp.added_families (forum_id, sls_code, head_name, address, members, presence, proposed_group, reason, created_by)
                VALUES (\(forumID), \(unit.value), \(f.headName), \(f.address), \(members), \(f.presence.rawValue),
                        \(group), \(f.reason), \(context.actor))
                RETURNING id
                """, logger: database.logger)
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            return id
        }
    }

    public enum WithdrawOutcome: Sendable, Equatable {
        case withdrawn
        /// Withdrawn already, or changed since the page was shown (the version named is not its own).
        case stale
        case gone
    }

    /// Takes an added family of the unit off the list, with a reason, if it is still at
    /// `expectedVersion` and not withdrawn; the database takes it only while the forum reviews.
    public func withdraw(id: Int64, forumID: Int64, unit: RegionCode, reason: String, expectedVersion: Int,
                         context: WriteContext) async throws -> WithdrawOutcome {
        try await database.write(context) { connection in
            let rows = try await connection.query("""
                UPDATE fkp.added_families
                   SET withdrawn_at = now(), withdrawn_by = \(context.actor), withdraw_reason = \(reason), version = version + 1
                 WHERE id = \(id) AND forum_id = \(forumID) AND sls_code = \(unit.value)
                   AND version = \(expectedVersion) AND withdrawn_at IS NULL
                RETURNING id
                """, logger: database.logger)
            for try await _ in rows.decode(Int64.self) { return .withdrawn }
            // Withdrawn already by the same person for the same reason: the form sent twice (a second
            // tap on a slow connection), answered as its first sending was.
            let exists = try await connection.query("""
                SELECT withdrawn_by IS NOT DISTINCT FROM \(context.actor) AND withdraw_reason IS NOT DISTINCT FROM \(reason)
                  FROM fkp.added_families WHERE id = \(id) AND forum_id = \(forumID) AND sls_code = \(unit.value)
                """, logger: database.logger)
            for try await sentAgain in exists.decode(Bool.self) { return sentAgain ? .withdrawn : .stale }
            return .gone
        }
    }

    /// The families the forum added to `unit`, oldest first; with `asOf`, as they stood then.
    public func list(forumID: Int64, unit: RegionCode, asOf: Date? = nil) async throws -> [Listed] {
        guard let asOf else {
            return try await database.read { connection in
                try await Self.collect(connection.query(UnitAdditions.self, forumID, unit.value, logger: database.logger))
            }
        }
        return try await Self.asTheyStood(forumID: forumID, at: asOf, unit: unit.value, id: nil, database: database)
    }

    /// One family the forum added; with `asOf`, as it stood then (nil if it was not added yet).
    public func one(forumID: Int64, id: Int64, asOf: Date? = nil) async throws -> Listed? {
        guard let asOf else {
            return try await database.read { connection in
                try await Self.collect(connection.query("""
                    SELECT \(unescaped: Self.columns(challenges: "fkp.challenges")) FROM fkp.added_families a
                     WHERE a.forum_id = \(forumID) AND a.id = \(id)
                    """, logger: database.logger)).first
            }
        }
        return try await Self.asTheyStood(forumID: forumID, at: asOf, unit: nil, id: id, database: database).first
    }

    /// The forum's added families in `unit`, or the one with `id`, as they stood at `moment` (from the audit trail).
    private static func asTheyStood(forumID: Int64, at moment: Date, unit: String?, id: Int64?, database: Database) async throws -> [Listed] {
        try await database.read { connection in
            try await collect(connection.query("""
                WITH forum AS (SELECT \(forumID)::bigint AS id, \(moment)::timestamptz AS at)\(unescaped: ReviewRepository.historical)
                SELECT \(unescaped: columns(challenges: "challenges_then")) FROM added_then a
                 WHERE a.forum_id = \(forumID) AND (\(unit)::text IS NULL OR a.sls_code = \(unit)) AND (\(id)::bigint IS NULL OR a.id = \(id))
                 ORDER BY a.id
                """, logger: database.logger))
        }
    }

    /// Writes an accepted challenge's correction into the added family, in the decision's
    /// transaction (a withdrawn family is refused by the database, and no challenge stays open on one).
    static func correct(_ id: Int64, by challenge: Challenge, on connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.query("""
            SELECT \(unescaped: columns(challenges: "fkp.challenges")) FROM fkp.added_families a WHERE a.id = \(id) FOR NO KEY UPDATE OF a
            """, logger: logger)
        guard let current = try await collect(rows).first else { return }
        let corrected = challenge.correcting(current.family)
        guard corrected != current.family else { return }
        try await connection.query("""
            UPDATE fkp.added_families
               SET proposed_group = \(Int16(corrected.proposedGroup?.rawValue ?? 0)), presence = \(corrected.presence.rawValue),
                   version = version + 1
             WHERE id = \(id)
            """, logger: logger)
    }

    /// The columns `collect` reads, from `a`, an added family; `challenges` is the table its open challenges are counted in.
    private static func columns(challenges: String) -> String {
        """
        a.id, a.sls_code, a.head_name, a.address, a.members, a.presence, a.proposed_group, a.reason, a.created_by, a.version,
        a.withdrawn_by, a.withdraw_reason,
        (SELECT count(*) FROM \(challenges) c WHERE c.added_family_id = a.id AND c.status = 'open')
        """
    }

    private static func collect(_ rows: some AsyncSequence<PostgresRow, any Error>) async throws -> [Listed] {
        var found: [Listed] = []
        for try await row in rows {
            let (id, unit, name, address, members, presence, group, reason, by, version, withdrawnBy, withdrawReason, open)
                = try row.decode((Int64, String, String, String, Int32, String, Int16, String, String?, Int32, String?, String?, Int64).self)
            found.append(Listed(id: id, unit: unit, family: AddedFamily(
                headName: name, address: address, members: Int(members), presence: Presence(rawValue: presence) ?? .present,
                proposedGroup: WelfareGroup(rawValue: Int(group)), reason: reason), createdBy: by, version: Int(version),
                withdrawal: withdrawnBy.map { Withdrawal(by: $0, reason: withdrawReason ?? "") }, openChallenges: Int(open)))
        }
        return found
    }

    private enum UnitAdditions: PlannedSQL {
        static let sql = """
            SELECT \(columns(challenges: "fkp.challenges")) FROM fkp.added_families a WHERE a.forum_id = $1 AND a.sls_code = $2 ORDER BY a.id
            """
    }
}
