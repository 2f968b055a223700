import FKPCore
import Foundation
import PostgresNIO

/// Challenges raised in a forum and the forum's decisions on them. Accepting one writes its
/// correction into the row in the same transaction: a listed family's review, or the added family.
public struct ChallengeRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Listed: Sendable, Equatable {
        public var id: Int64
        public var subject: ChallengeSubject
        public var headName: String
        public var unit: String
        public var challenge: Challenge
        public var status: Challenge.Status
        public var raisedBy: String
        public var raisedAt: Date
        public var decision: Challenge.Decision?
        public var decidedBy: String?
        public var version: Int
    }

    public func raise(forumID: Int64, on subject: ChallengeSubject, _ challenge: Challenge, userID: Int64?, name: String,
                      context: WriteContext) async throws -> Int64 {
        let c = challenge.normalized
        let group = c.proposedGroup.map { Int16($0.rawValue) }
        let (familyID, addedID) = Self.columns(subject)
        return try await database.write(context) { connection in
            // A form sent twice (a second tap on a slow connection) raises one challenge: the same
            // person's identical open challenge on the row is the one they meant.
            try await connection.lockResubmissions(of: "fkp.challenge \(forumID)/\(familyID ?? "added:\(addedID ?? 0)")",
                                                   logger: database.logger)
            let same = try await connection.query("""
                SELECT id FROM fkp.challenges
                 WHERE forum_id = \(forumID) AND family_id IS NOT DISTINCT FROM \(familyID)
                   AND added_family_id IS NOT DISTINCT FROM \(addedID) AND status = 'open' AND kind = \(c.kind.rawValue)
                   AND raised_by_user_id IS NOT DISTINCT FROM \(userID) AND raised_by_name = \(name)
                   AND proposed_group IS NOT DISTINCT FROM \(group) AND proposed_presence IS NOT DISTINCT FROM \(c.proposedPresence?.rawValue)
                   AND proposed_value IS NOT DISTINCT FROM \(c.proposedValue.nilIfEmpty) AND reason = \(c.reason)
                 ORDER BY id LIMIT 1
                """, logger: database.logger)
            for try await id in same.decode(Int64.self) { return id }
            let rows = try await connection.query("""
                INSERT INTO fkp.challenges (forum_id, family_id, added_family_id, kind, proposed_group, proposed_presence,
                                            proposed_value, reason, raised_by_user_id, raised_by_name)
                VALUES (\(forumID), \(familyID), \(addedID), \(c.kind.rawValue), \(group),
                        \(c.proposedPresence?.rawValue), \(c.proposedValue.nilIfEmpty), \(c.reason), \(userID), \(name))
                RETURNING id
                """, logger: database.logger)
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            return id
        }
    }

    public func openCount(forumID: Int64) async throws -> Int {
        try await database.read { connection in
            let rows = try await connection.query(
                "SELECT count(*) FROM fkp.challenges WHERE forum_id = \(forumID) AND status = 'open'", logger: database.logger)
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return 0
        }
    }

    /// The columns that name the row: `family_id` or `added_family_id`.
    private static func columns(_ subject: ChallengeSubject) -> (familyID: String?, addedID: Int64?) {
        switch subject {
        case .listed(let familyID): (familyID, nil)
        case .added(let id): (nil, id)
        }
    }

    /// The forum's challenges (or one row's), open ones first, oldest first.
    public func list(forumID: Int64, on subject: ChallengeSubject? = nil, challengeID: Int64? = nil) async throws -> [Listed] {
        try await database.read { connection in
            try await Self.list(forumID: forumID, on: subject, challengeID: challengeID, on: connection, logger: database.logger)
        }
    }

    static func list(forumID: Int64, on subject: ChallengeSubject?, challengeID: Int64?, on connection: PostgresConnection,
                     logger: Logger) async throws -> [Listed] {
        let (familyID, addedID) = subject.map(columns) ?? (nil, nil)
        let rows = try await connection.query("""
            SELECT c.id, c.family_id, c.added_family_id, coalesce(f.head_name, a.head_name), coalesce(f.sls_code, a.sls_code),
                   c.kind, c.proposed_group, c.proposed_presence,
                   coalesce(c.proposed_value, ''), c.reason, c.status, c.raised_by_name, c.raised_at, c.decision_method,
                   c.votes_for, c.votes_against, c.votes_abstain, coalesce(c.decision_note, ''), c.decided_by, c.version
              FROM fkp.challenges c
              LEFT JOIN fkp.families f ON f.id = c.family_id
              LEFT JOIN fkp.added_families a ON a.id = c.added_family_id
             WHERE c.forum_id = \(forumID)
               AND (\(subject == nil) OR (c.family_id IS NOT DISTINCT FROM \(familyID) AND c.added_family_id IS NOT DISTINCT FROM \(addedID)))
               AND (\(challengeID)::bigint IS NULL OR c.id = \(challengeID))
             ORDER BY c.status <> 'open', c.raised_at, c.id
            """, logger: logger)
        var found: [Listed] = []
        for try await row in rows {
            let r = row.makeRandomAccess()
            // Columns after the row's two names, counted from the kind.
            let c = { (index: Int) in r[index + 1] }
            let subject: ChallengeSubject = if let familyID = try r[1].decode(String?.self) {
                .listed(familyID: familyID)
            } else {
                .added(id: try r[2].decode(Int64.self))
            }
            let status = Challenge.Status(rawValue: try c(9).decode(String.self)) ?? .open
            let method = try c(12).decode(String?.self).flatMap(Challenge.Method.init)
            func count(_ index: Int) throws -> Int? { try c(index).decode(Int32?.self).map(Int.init) }
            found.append(Listed(
                id: try r[0].decode(Int64.self), subject: subject, headName: try c(2).decode(String.self),
                unit: try c(3).decode(String.self),
                challenge: Challenge(kind: Challenge.Kind(rawValue: try c(4).decode(String.self)) ?? .data,
                                     proposedGroup: try c(5).decode(Int16?.self).flatMap { WelfareGroup(rawValue: Int($0)) },
                                     proposedPresence: try c(6).decode(String?.self).flatMap(Presence.init),
                                     proposedValue: try c(7).decode(String.self), reason: try c(8).decode(String.self)),
                status: status, raisedBy: try c(10).decode(String.self), raisedAt: try c(11).decode(Date.self),
                decision: status == .open ? nil : Challenge.Decision(
                    status: status, method: method, votesFor: try count(13), votesAgainst: try count(14),
                    votesAbstain: try count(15), note: try c(16).decode(String.self)),
                decidedBy: try c(17).decode(String?.self), version: Int(try c(18).decode(Int32.self))))
        }
        return found
    }

    /// The data errors accepted by the forums held in `regency`, by SLS, then family, then challenge.
    public func acceptedDataCorrections(regency: RegionCode) async throws -> [DataCorrection] {
        let (low, high) = (regency.value, regency.value + ":")
        return try await database.read { connection in
            let rows = try await connection.query("""
                SELECT c.id, c.forum_id, c.family_id, c.added_family_id, coalesce(f.sls_code, a.sls_code), coalesce(f.head_name, a.head_name),
                       coalesce(c.proposed_value, ''), c.reason, coalesce(c.decision_note, ''), coalesce(c.decided_by, ''), c.decided_at
                  FROM fkp.challenges c JOIN fkp.forums fo ON fo.id = c.forum_id
                  LEFT JOIN fkp.families f ON f.id = c.family_id
                  LEFT JOIN fkp.added_families a ON a.id = c.added_family_id
                 WHERE fo.region_code ~>=~ \(low) AND fo.region_code ~<~ \(high) AND c.kind = 'data' AND c.status = 'accepted'
                 ORDER BY 5, c.family_id NULLS LAST, c.added_family_id, c.id
                """, logger: database.logger)
            var found: [DataCorrection] = []
            for try await (id, forum, familyID, addedID, sls, name, value, reason, note, by, at)
                in rows.decode((Int64, Int64, String?, Int64?, String, String, String, String, String, String, Date).self) {
                let subject: ChallengeSubject = familyID.map { .listed(familyID: $0) } ?? .added(id: addedID ?? 0)
                found.append(DataCorrection(challengeID: id, forumID: forum, subject: subject, slsCode: sls, headName: name, proposedValue: value,
                                            reason: reason, decisionNote: note, decidedBy: by, decidedAt: at))
            }
            return found
        }
    }

    public enum Outcome: Sendable, Equatable {
        case decided
        /// Decided or changed by someone else since it was read.
        case stale(current: Listed)
        case gone
    }

    /// Records the decision if the challenge is still open at `expectedVersion`; an accepted
    /// challenge's correction is written into its row in the same transaction.
    public func decide(_ id: Int64, forumID: Int64, _ decision: Challenge.Decision, expectedVersion: Int,
                       context: WriteContext) async throws -> Outcome {
        try await database.write(context) { connection in
            let logger = database.logger
            try await connection.query("SELECT 1 FROM fkp.challenges WHERE id = \(id) FOR UPDATE", logger: logger)
            guard let current = try await Self.list(forumID: forumID, on: nil, challengeID: id, on: connection, logger: logger).first else {
                return .gone
            }
            var asked = decision
            asked.note = decision.note.trimmingWhitespace
            // The form sent twice (a second tap on a slow connection) finds the challenge decided as it
            // asks, by the same person: answered as its first sending was.
            if current.decidedBy == context.actor, current.decision == asked { return .decided }
            guard current.status == .open, current.version == expectedVersion else { return .stale(current: current) }
            try await connection.query("""
                UPDATE fkp.challenges SET status = \(decision.status.rawValue), decision_method = \(decision.method?.rawValue),
                       votes_for = \(decision.votesFor.map(Int32.init)), votes_against = \(decision.votesAgainst.map(Int32.init)),
                       votes_abstain = \(decision.votesAbstain.map(Int32.init)), decision_note = \(asked.note.nilIfEmpty),
                       decided_by = \(context.actor), decided_at = now(), version = version + 1
                 WHERE id = \(id)
                """, logger: logger)
            guard decision.status == .accepted else { return .decided }
            switch current.subject {
            case .listed(let familyID):
                if let row = try await ReviewRepository.row(forumID: forumID, familyID: familyID, on: connection, logger: logger) {
                    let corrected = current.challenge.correcting(row.review, preliminary: row.group)
                    if corrected != row.review, try await ReviewRepository.store(
                        corrected, forumID: forumID, familyID: row.familyID, expectedVersion: row.version,
                        actor: context.actor, on: connection, logger: logger) == nil {
                        throw WriteConflict(what: "the review of family \(row.familyID)")  // rolls the decision back too
                    }
                }
            case .added(let addedID):
                try await AddedFamilyRepository.correct(addedID, by: current.challenge, on: connection, logger: logger)
            }
            return .decided
        }
    }
}
