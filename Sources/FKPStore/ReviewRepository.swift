import FKPCore
import Foundation
import PostgresNIO

/// The rows of a forum's lists with what the forum said of each family, saved with a version so
/// that nobody's work is silently overwritten.
public struct ReviewRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// One family of a forum list and its review. Version 0: nothing recorded yet.
    public struct Row: Sendable, Equatable {
        public var familyID: String
        public var unit: String
        public var number: Int
        public var headName: String
        public var address: String
        public var members: Int
        public var group: WelfareGroup
        public var review: Review
        public var version: Int
        public var updatedBy: String?
        public var openChallenges: Int
        /// When the review was last saved (nil: nothing recorded yet).
        public var updatedAt: Date?
    }

    /// The families of one unit of the forum (and its sub-units) in preliminary order; with `asOf`,
    /// their reviews and open challenges as they stood then, rebuilt from the audit trail.
    public func rows(forumID: Int64, unit: RegionCode, asOf: Date? = nil) async throws -> [Row] {
        try await database.read { connection in
            guard let asOf else {
                return try await Self.collect(connection.query(UnitRowsNow.self, forumID, unit.value, unit.value + ":", logger: database.logger))
            }
            return try await Self.collect(connection.query("""
                WITH forum AS (SELECT \(forumID)::bigint AS id, \(asOf)::timestamptz AS at)\(unescaped: Self.historical)
                \(unescaped: Self.rowColumns(historical: true))
                 WHERE f.sls_code ~>=~ \(unit.value) AND f.sls_code ~<~ \(unit.value + ":")
                 ORDER BY f.sls_code, f.sls_rank
                """, logger: database.logger))
        }
    }

    /// The rows of a unit as they are: the query of every review page, planned once per connection.
    private enum UnitRowsNow: PlannedSQL {
        static let sql = """
            WITH forum AS (SELECT $1::bigint AS id)
            \(rowColumns(historical: false))
             WHERE f.sls_code ~>=~ $2 AND f.sls_code ~<~ $3
             ORDER BY f.sls_code, f.sls_rank
            """
    }

    /// One family, when it is in one of the forum's units; with `asOf`, its review as it stood then.
    public func row(forumID: Int64, familyID: String, asOf: Date? = nil) async throws -> Row? {
        try await database.read { connection in
            try await Self.row(forumID: forumID, familyID: familyID, asOf: asOf, on: connection, logger: database.logger)
        }
    }

    static func row(forumID: Int64, familyID: String, asOf: Date? = nil, on connection: PostgresConnection, logger: Logger) async throws -> Row? {
        try await collect(connection.query("""
            WITH forum AS (SELECT \(forumID)::bigint AS id, \(asOf)::timestamptz AS at)\(unescaped: asOf == nil ? "" : historical)
            \(unescaped: rowColumns(historical: asOf != nil))
             WHERE f.sls_code = (SELECT sls_code FROM fkp.families WHERE id = \(familyID)) AND f.id = \(familyID)
               AND EXISTS (SELECT 1 FROM fkp.forum_units u WHERE u.forum_id = forum.id
                              AND f.sls_code ~>=~ u.sls_code AND f.sls_code ~<~ (u.sls_code || ':'))
            """, logger: logger)).first
    }

    /// The families of these ids that are in the forum's units, as their lists show them (ids of
    /// no such family are left out): the other families a page names by their number.
    public func rows(forumID: Int64, familyIDs: [String]) async throws -> [Row] {
        guard !familyIDs.isEmpty else { return [] }
        return try await database.read { connection in
            try await Self.collect(connection.query(RowsByID.self, forumID, familyIDs, logger: database.logger))
        }
    }

    /// $1 the forum, $2 the ids. The units are gathered first into one value (`ARRAY(...)`, run
    /// once), a condition on the view's partition that reaches inside its numbering: a join, or
    /// `IN`, would number the whole table before picking the rows.
    enum RowsByID: PlannedSQL {
        static let sql = """
            WITH forum AS (SELECT $1::bigint AS id)
            \(rowColumns(historical: false))
             WHERE f.sls_code = ANY (ARRAY(SELECT sls_code FROM fkp.families WHERE id = ANY ($2::text[])))
               AND f.id = ANY ($2::text[])
               AND EXISTS (SELECT 1 FROM fkp.forum_units u WHERE u.forum_id = forum.id
                              AND f.sls_code ~>=~ u.sls_code AND f.sls_code ~<~ (u.sls_code || ':'))
             ORDER BY f.sls_code, f.sls_rank
            """
    }

    /// The family of the forum each reference names (for duplicate-of and merged-into): the family
    /// of that id, or else the one at that number of the reference's SLS list. A reference that
    /// names none is left out.
    public func familiesNamed(_ references: [OtherFamilyReference], forumID: Int64) async throws -> [OtherFamilyReference: String] {
        guard !references.isEmpty else { return [:] }
        return try await database.read { connection in
            var named: [OtherFamilyReference: String] = [:]
            let rows = try await connection.query(FamiliesNamed.self, forumID, references.map(\.typed), references.map(\.unit),
                                                  references.map { Int32($0.rowNumber ?? 0) }, logger: database.logger)
            for try await (typed, unit, id) in rows.decode((String, String, String?).self) {
                if let id { named[OtherFamilyReference(typed: typed, unit: unit)] = id }
            }
            return named
        }
    }

    /// One review as typed for a family of `unit`, its other family given by id when what was typed
    /// names one of the forum, with the forum's ids it names (for `Review.problems(inForum:)`).
    public func namingOtherFamily(_ typed: Review, unit: String, forumID: Int64) async throws -> (review: Review, inForum: Set<String>) {
        let named = try await familiesNamed([typed.otherFamilyReference(unit: unit)].compactMap { $0 }, forumID: forumID)
        return (typed.namingOtherFamily(unit: unit, named), Set(named.values))
    }

    /// $1 the forum; $2, $3, $4 what was typed, the unit a number counts in, and the number (0 for
    /// none, which no row has). The number is asked only of the reference's own unit, one of the
    /// forum's (the reviewed family was found in it). `OFFSET 0` keeps that subquery apart, so that
    /// its unit reaches the view's numbering as a value: joined, the whole table would be numbered.
    enum FamiliesNamed: PlannedSQL {
        static let sql = """
            SELECT t.typed, t.unit, coalesce(by_id.id, by_number.id)
              FROM unnest($2::text[], $3::text[], $4::integer[]) AS t(typed, unit, number)
              LEFT JOIN LATERAL (SELECT f.id FROM fkp.families f JOIN fkp.forum_units u
                                     ON f.sls_code ~>=~ u.sls_code AND f.sls_code ~<~ (u.sls_code || ':')
                                  WHERE u.forum_id = $1::bigint AND f.id = t.typed LIMIT 1) by_id ON true
              LEFT JOIN LATERAL (SELECT o.id FROM fkp.families_in_order o
                                  WHERE o.sls_code = t.unit AND o.sls_rank = t.number OFFSET 0) by_number ON by_id.id IS NULL
            """
    }

    /// Another family of the forum holding the same family card number or head's NIK as a family:
    /// perhaps the same family listed twice, for the forum to look at. The numbers are not told.
    public struct SharedNumber: Sendable, Equatable {
        public var familyID: String
        public var unit: String
        public var number: Int
        public var headName: String
        public var sameCard: Bool
        public var sameNIK: Bool
    }

    /// What a family of the forum shares with others of it: those named, and how many others hold
    /// its card number or NIK when more than `namedSharersAtMost` do (a number a list gave many
    /// families, such as a stand-in for a missing card, names no duplicate; 0 otherwise).
    public struct NumbersShared: Sendable, Equatable {
        public var named: [SharedNumber] = []
        public var othersWithCard = 0
        public var othersWithNIK = 0

        public init(named: [SharedNumber] = [], othersWithCard: Int = 0, othersWithNIK: Int = 0) {
            self.named = named
            self.othersWithCard = othersWithCard
            self.othersWithNIK = othersWithNIK
        }
    }

    public static let namedSharersAtMost = 3

    /// For each family of the forum sharing a number with another of it, what it shares, the
    /// others named in list order.
    public func sharedNumbers(forumID: Int64) async throws -> [String: NumbersShared] {
        try await database.read { connection in
            var shared: [String: NumbersShared] = [:]
            let rows = try await connection.query(SharedNumbersInForum.self, forumID, Int64(Self.namedSharersAtMost + 1), logger: database.logger)
            for try await (id, other, unit, number, name, sameCard, sameNIK, othersWithCard, othersWithNIK)
                in rows.decode((String, String?, String?, Int32?, String?, Bool?, Bool?, Int64, Int64).self) {
                if let other, let unit, let number, let name {
                    shared[id, default: NumbersShared()].named.append(SharedNumber(
                        familyID: other, unit: unit, number: Int(number), headName: name, sameCard: sameCard == true, sameNIK: sameNIK == true))
                } else {
                    shared[id, default: NumbersShared()].othersWithCard = Int(othersWithCard)
                    shared[id, default: NumbersShared()].othersWithNIK = Int(othersWithNIK)
                }
            }
            return shared
        }
    }

    /// $1 the forum, $2 how many holders of one number are named. Each unit's families numbered by
    /// the view apart (`OFFSET 0`, as in FamiliesNamed); the pairs found by two equality joins,
    /// which hash, rather than one join on either number, which compares every family with every
    /// other; a number held by more families counted, not paired (a thousand families given one
    /// number would be a million pairs).
    enum SharedNumbersInForum: PlannedSQL {
        static let sql = """
            WITH listed AS (
                SELECT o.id, o.sls_code, o.sls_rank, o.head_name, o.kk_number, o.head_nik,
                       count(*) OVER (PARTITION BY o.kk_number) AS card_holders, count(*) OVER (PARTITION BY o.head_nik) AS nik_holders
                  FROM fkp.forum_units u
                 CROSS JOIN LATERAL (SELECT * FROM fkp.families_in_order o
                                      WHERE o.sls_code ~>=~ u.sls_code AND o.sls_code ~<~ (u.sls_code || ':') OFFSET 0) o
                 WHERE u.forum_id = $1::bigint),
            pairs AS (
                SELECT a.id, b.id AS other FROM listed a JOIN listed b ON b.kk_number = a.kk_number AND b.id <> a.id
                 WHERE a.card_holders <= $2::bigint
                UNION
                SELECT a.id, b.id FROM listed a JOIN listed b ON b.head_nik = a.head_nik AND b.id <> a.id
                 WHERE a.nik_holders <= $2::bigint)
            SELECT p.id, b.id, b.sls_code, b.sls_rank, b.head_name,
                   a.kk_number = b.kk_number AND a.card_holders <= $2::bigint, a.head_nik = b.head_nik AND a.nik_holders <= $2::bigint,
                   0::bigint, 0::bigint
              FROM pairs p JOIN listed a ON a.id = p.id JOIN listed b ON b.id = p.other
            UNION ALL
            SELECT id, NULL, NULL, NULL, NULL, NULL, NULL,
                   CASE WHEN card_holders > $2::bigint THEN card_holders - 1 ELSE 0 END,
                   CASE WHEN nik_holders > $2::bigint THEN nik_holders - 1 ELSE 0 END
              FROM listed WHERE card_holders > $2::bigint OR nik_holders > $2::bigint
             ORDER BY 1, 3, 4
            """
    }

    public enum Outcome: Sendable, Equatable {
        case saved(version: Int)
        /// Someone saved the row since `expectedVersion` was read: their values, to show beside ours.
        case stale(current: Row)
        case gone
    }

    /// Saves the review if the row is still at `expectedVersion` (0 when nothing was recorded);
    /// saving what is already there changes nothing and records nothing. The write is tried
    /// first and the row read only when it did not apply: one statement on the common path.
    public func save(forumID: Int64, familyID: String, review: Review, expectedVersion: Int, context: WriteContext) async throws -> Outcome {
        let r = review.normalized
        return try await database.write(context) { connection in
            let logger = database.logger
            // An empty review over nothing recorded writes nothing.
            if !(expectedVersion == 0 && r == .none), let version = try await Self.store(
                r, forumID: forumID, familyID: familyID, expectedVersion: expectedVersion, actor: context.actor, on: connection, logger: logger) {
                return .saved(version: version)
            }
            guard let current = try await Self.row(forumID: forumID, familyID: familyID, on: connection, logger: logger) else { return .gone }
            // What the row already holds is saved, whoever wrote it: a form sent twice (a second tap
            // on a slow connection) carries the version its first sending replaced.
            if current.review == r { return .saved(version: current.version) }
            return .stale(current: current)
        }
    }

    /// Writes the review if the row is still at `expectedVersion` and differs from it; its new
    /// version, or nil when nothing was written (another transaction got there first, or there
    /// was nothing to change). Inside a write transaction only.
    static func store(_ r: Review, forumID: Int64, familyID: String, expectedVersion: Int, actor: String,
                      on connection: PostgresConnection, logger: Logger) async throws -> Int? {
        let group = r.proposedGroup.map { Int16($0.rawValue) }
        let duplicateOf = r.presence == .duplicate ? r.otherFamily : nil
        let mergedInto = r.presence == .merged ? r.otherFamily : nil
        let rows: AsyncThrowingMapSequence<PostgresRowSequence, PostgresRow>
        if expectedVersion == 0 {
            rows = try await connection.query(ReviewInsert.self, forumID, familyID, r.verdict?.rawValue, group, r.reason.nilIfEmpty, r.presence.rawValue,
                                              r.movedTo.nilIfEmpty, duplicateOf, mergedInto, r.orderNote.nilIfEmpty, actor, logger: logger)
        } else {
            // The version comes from a form: one past the column's range is held by no row.
            guard let seen = Int32(exactly: expectedVersion) else { return nil }
            rows = try await connection.query(ReviewUpdate.self, forumID, familyID, seen, r.verdict?.rawValue, group, r.reason.nilIfEmpty,
                                              r.presence.rawValue, r.movedTo.nilIfEmpty, duplicateOf, mergedInto, r.orderNote.nilIfEmpty, actor, logger: logger)
        }
        for try await version in rows.decode(Int32.self) { return Int(version) }
        return nil
    }

    /// A family's first review in the forum, unless another transaction wrote one first. Verdicts
    /// are the busiest write: planned once per connection (with every trigger, parsing and planning
    /// them cost PostgreSQL about a seventh of a verdict).
    private enum ReviewInsert: PlannedSQL {
        static let sql = """
            INSERT INTO fkp.reviews (forum_id, family_id, verdict, proposed_group, reason, presence, moved_to,
                                     duplicate_of, merged_into, order_note, updated_by)
            VALUES ($1::bigint, $2::text, $3::text, $4::smallint, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text)
            ON CONFLICT (forum_id, family_id) DO NOTHING
            RETURNING version
            """
    }

    /// The review replaced if the row is still at the version the writer saw and differs from it.
    private enum ReviewUpdate: PlannedSQL {
        static let sql = """
            UPDATE fkp.reviews SET verdict = $4::text, proposed_group = $5::smallint, reason = $6::text, presence = $7::text,
                   moved_to = $8::text, duplicate_of = $9::text, merged_into = $10::text, order_note = $11::text,
                   updated_by = $12::text, updated_at = now(), version = version + 1
             WHERE forum_id = $1::bigint AND family_id = $2::text AND version = $3::integer
               AND (verdict, proposed_group, reason, presence, moved_to, duplicate_of, merged_into, order_note)
                   IS DISTINCT FROM ($4::text, $5::smallint, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text)
            RETURNING version
            """
    }

    /// The summary block of each unit of the forum (or of one), in the forum's order of units; with
    /// `asOf`, as it stood then.
    public func tally(forumID: Int64, unit only: RegionCode? = nil, asOf: Date? = nil) async throws -> [(unit: RegionCode, tally: ReviewTally)] {
        let (reviews, added) = asOf == nil ? ("fkp.reviews", "fkp.added_families") : ("reviews_then", "added_then")
        return try await database.read { connection in
            var order: [String] = []
            var tallies: [String: ReviewTally] = [:]
            let listed = try await connection.query("""
                WITH forum AS (SELECT \(forumID)::bigint AS id, \(asOf)::timestamptz AS at)\(unescaped: asOf == nil ? "" : Self.historical)
                SELECT u.sls_code, f.welfare_group, r.verdict, r.proposed_group, r.presence, count(f.id)
                  FROM fkp.forum_units u
                  -- The unit and its sub-units: a range on the prefix index (':' sorts right after '9').
                  LEFT JOIN fkp.families f ON f.sls_code ~>=~ u.sls_code AND f.sls_code ~<~ (u.sls_code || ':')
                  LEFT JOIN \(unescaped: reviews) r ON r.forum_id = u.forum_id AND r.family_id = f.id
                 WHERE u.forum_id = \(forumID) AND (\(only?.value)::text IS NULL OR u.sls_code = \(only?.value))
                 GROUP BY u.position, u.sls_code, f.welfare_group, r.verdict, r.proposed_group, r.presence
                 ORDER BY u.position, u.sls_code
                """, logger: database.logger)
            for try await (unit, group, verdict, proposed, presence, count)
                in listed.decode((String, Int16?, String?, Int16?, String?, Int64).self) {
                if tallies[unit] == nil { order.append(unit); tallies[unit] = ReviewTally() }
                guard let group = group.flatMap({ WelfareGroup(rawValue: Int($0)) }) else { continue }
                let review = presence.map { presence in
                    Review(verdict: verdict.flatMap(Verdict.init), proposedGroup: proposed.flatMap { WelfareGroup(rawValue: Int($0)) },
                           presence: Presence(rawValue: presence) ?? .present)
                }
                tallies[unit]?.add(preliminary: group, review: review, count: Int(count))
            }
            let addedRows = try await connection.query("""
                WITH forum AS (SELECT \(forumID)::bigint AS id, \(asOf)::timestamptz AS at)\(unescaped: asOf == nil ? "" : Self.historical)
                SELECT sls_code, presence, proposed_group, count(*) FROM \(unescaped: added)
                 WHERE forum_id = \(forumID) AND (\(only?.value)::text IS NULL OR sls_code = \(only?.value)) AND withdrawn_at IS NULL
                 GROUP BY 1, 2, 3
                """, logger: database.logger)
            for try await (unit, presence, group, count) in addedRows.decode((String, String, Int16, Int64).self) {
                guard let presence = Presence(rawValue: presence), let group = WelfareGroup(rawValue: Int(group)) else { continue }
                tallies[unit, default: ReviewTally()].addAdded(presence: presence, group: group, count: Int(count))
            }
            return try order.map { (unit: try RegionCode($0), tally: tallies[$0] ?? ReviewTally()) }
        }
    }

    // Every row query starts with `WITH forum AS (SELECT <id> AS id[, <time> AS at])`.
    static func rowColumns(historical: Bool) -> String {
        let (reviews, challenges) = historical ? ("reviews_then", "challenges_then") : ("fkp.reviews", "fkp.challenges")
        return """
            SELECT f.id, f.sls_code, f.sls_rank, f.head_name, f.address, f.members, f.welfare_group,
                   r.verdict, r.proposed_group, r.reason, r.presence, r.moved_to, coalesce(r.duplicate_of, r.merged_into),
                   r.order_note, coalesce(r.version, 0), r.updated_by,
                   (SELECT count(*) FROM \(challenges) c WHERE c.forum_id = forum.id AND c.family_id = f.id AND c.status = 'open'),
                   r.updated_at
              FROM forum CROSS JOIN fkp.families_in_order f
              LEFT JOIN \(reviews) r ON r.forum_id = forum.id AND r.family_id = f.id
            """
    }

    /// The forum's reviews, challenges and added families as they stood at `forum.at`: for each
    /// row, the image its last audit entry up to then left (none if that entry deleted it). The
    /// families themselves are read as they are now: they cannot change once a forum has opened.
    static let historical = """
        ,
        reviews_then AS (\(asItStood("fkp.reviews"))),
        challenges_then AS (\(asItStood("fkp.challenges"))),
        added_then AS (\(asItStood("fkp.added_families")))
        """

    static func asItStood(_ table: String) -> String {
        """
        SELECT r.*
          FROM (SELECT DISTINCT ON (a.row_key) a.operation, a.new_row FROM audit.entries a, forum
                 WHERE a.chain = 'forum:' || forum.id AND a.table_name = '\(table)' AND a.occurred_at <= forum.at
                 ORDER BY a.row_key, a.seq DESC) e
         CROSS JOIN LATERAL json_populate_record(NULL::\(table), e.new_row) r
         WHERE e.operation <> 'DELETE'
        """
    }

    static func collect(_ rows: some AsyncSequence<PostgresRow, any Error>) async throws -> [Row] {
        var found: [Row] = []
        for try await row in rows {
            let c = row.makeRandomAccess()
            let presence = try c[10].decode(String?.self)
            let review = presence == nil ? Review.none : Review(
                verdict: try c[7].decode(String?.self).flatMap(Verdict.init),
                proposedGroup: try c[8].decode(Int16?.self).flatMap { WelfareGroup(rawValue: Int($0)) },
                reason: try c[9].decode(String?.self) ?? "", presence: presence.flatMap(Presence.init) ?? .present,
                movedTo: try c[11].decode(String?.self) ?? "", otherFamily: try c[12].decode(String?.self),
                orderNote: try c[13].decode(String?.self) ?? "")
            found.append(Row(
                familyID: try c[0].decode(String.self), unit: try c[1].decode(String.self), number: Int(try c[2].decode(Int32.self)),
                headName: try c[3].decode(String.self), address: try c[4].decode(String.self),
                members: Int(try c[5].decode(Int32.self)),
                group: WelfareGroup(rawValue: Int(try c[6].decode(Int16.self))) ?? .notPoor, review: review,
                version: Int(try c[14].decode(Int32.self)), updatedBy: try c[15].decode(String?.self),
                openChallenges: Int(try c[16].decode(Int64.self)), updatedAt: try c[17].decode(Date?.self)))
        }
        return found
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
