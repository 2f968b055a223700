import Crypto
import FKPCore
import Foundation
import PostgresNIO

/// Inviting people from the community to a forum: an account without a password, its role, its
/// place among the forum's participants, and a one-time activation code, all in one transaction.
public struct InvitationRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Invitee: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable { case slsHead = "sls_head", communityFigure = "community_figure" }
        public var kind: Kind
        public var fullName: String
        public var unit: RegionCode?

        public init(kind: Kind, fullName: String, unit: RegionCode?) {
            self.kind = kind
            self.fullName = fullName
            self.unit = unit
        }
    }

    public struct Invited: Sendable, Equatable {
        public var participantID: Int64
        public var userID: Int64
        public var username: String
    }

    public struct Participant: Sendable, Equatable {
        public var id: Int64
        public var kind: String
        public var fullName: String
        public var unit: String?
        public var username: String?
        public var activated: Bool
        public var attended: Bool
        /// Who stood in for an SLS head who could not come.
        public var representative: String?
        public var version: Int
    }

    public func invite(_ invitee: Invitee, to forum: ForumSummary, username: String, code: String, expiresAt: Date,
                       context: WriteContext) async throws -> Invited {
        try await database.write(context) { connection in
            let logger = database.logger
            // The forum's row first, as every change of the forum takes it before writing to the
            // forum's audit chain: the participant's check takes it (0024), and taking it only
            // after the account's entry had taken the chain could deadlock with a change of state.
            try await connection.query("SELECT 1 FROM fkp.forums WHERE id = \(forum.id) FOR NO KEY UPDATE", logger: logger)
            var userID: Int64 = 0
            for try await id in try await connection.query("""
                INSERT INTO fkp.users (username, display_name, must_change_password) VALUES (\(username), \(invitee.fullName), false)
                RETURNING id
                """, logger: logger).decode(Int64.self) { userID = id }
            let region = invitee.kind == .slsHead ? invitee.unit?.value : forum.place.value
            let forumID: Int64? = invitee.kind == .communityFigure ? forum.id : nil
            try await connection.query("""
                INSERT INTO fkp.role_assignments (user_id, role, region_code, forum_id)
                VALUES (\(userID), \(invitee.kind.rawValue), \(region), \(forumID))
                """, logger: logger)
            var participantID: Int64 = 0
            for try await id in try await connection.query("""
                INSERT INTO fkp.forum_participants (forum_id, kind, sls_code, user_id, full_name)
                VALUES (\(forum.id), \(invitee.kind.rawValue), \(invitee.unit?.value), \(userID), \(invitee.fullName))
                RETURNING id
                """, logger: logger).decode(Int64.self) { participantID = id }
            try await connection.query("""
                INSERT INTO fkp.activation_codes (user_id, code_hash, expires_at)
                VALUES (\(userID), \(ActivationCodeRepository.hash(code)), \(expiresAt))
                """, logger: logger)
            return Invited(participantID: participantID, userID: userID, username: username)
        }
    }

    /// Lists a person who already has an account (and the matching role) as a participant.
    public func addParticipant(_ invitee: Invitee, userID: Int64, forumID: Int64, context: WriteContext) async throws {
        try await database.write(context) { connection in
            try await connection.query("""
                INSERT INTO fkp.forum_participants (forum_id, kind, sls_code, user_id, full_name)
                VALUES (\(forumID), \(invitee.kind.rawValue), \(invitee.unit?.value), \(userID), \(invitee.fullName))
                """, logger: database.logger)
        }
    }

    /// A new code for an invitee whose paper was lost; earlier unused codes stop working.
    public func reissue(participantID: Int64, forumID: Int64, code: String, expiresAt: Date, context: WriteContext) async throws -> Invited? {
        try await database.write(context) { connection in
            try await Self.reissue(participantID: participantID, forumID: forumID, code: code, expiresAt: expiresAt,
                                   on: connection, logger: database.logger)
        }
    }

    /// New codes for every invitee of the forum who has not yet activated, in one transaction, so
    /// that the printed sheets and the valid codes always match. `code` draws each new code.
    public func reissueAll(forumID: Int64, code: () -> String, expiresAt: Date,
                           context: WriteContext) async throws -> [(participantID: Int64, username: String, code: String)] {
        let waiting = try await participants(forumID: forumID).filter { !$0.activated && $0.username != nil }
        let codes = waiting.map { ($0.id, code()) }
        return try await database.write(context) { connection in
            var issued: [(participantID: Int64, username: String, code: String)] = []
            for (participantID, code) in codes {
                if let invited = try await Self.reissue(participantID: participantID, forumID: forumID, code: code, expiresAt: expiresAt,
                                                        on: connection, logger: database.logger) {
                    issued.append((participantID, invited.username, code))
                }
            }
            return issued
        }
    }

    static func reissue(participantID: Int64, forumID: Int64, code: String, expiresAt: Date, on connection: PostgresConnection,
                        logger: Logger) async throws -> Invited? {
        var found: Invited?
        for try await (userID, username) in try await connection.query("""
            SELECT u.id, u.username FROM fkp.forum_participants p JOIN fkp.users u ON u.id = p.user_id
             WHERE p.id = \(participantID) AND p.forum_id = \(forumID)
            """, logger: logger).decode((Int64, String).self) {
            found = Invited(participantID: participantID, userID: userID, username: username)
        }
        guard let found else { return nil }
        try await connection.query("""
            UPDATE fkp.activation_codes SET expires_at = now() WHERE user_id = \(found.userID) AND used_at IS NULL AND expires_at > now()
            """, logger: logger)
        try await connection.query("""
            INSERT INTO fkp.activation_codes (user_id, code_hash, expires_at)
            VALUES (\(found.userID), \(ActivationCodeRepository.hash(code)), \(expiresAt))
            """, logger: logger)
        return found
    }

    public func participants(forumID: Int64) async throws -> [Participant] {
        try await database.read { connection in
            var found: [Participant] = []
            let rows = try await connection.query("""
                SELECT p.id, p.kind, p.full_name, p.sls_code, u.username, u.password_hash IS NOT NULL, p.attended,
                       p.representative_name, p.version
                  FROM fkp.forum_participants p LEFT JOIN fkp.users u ON u.id = p.user_id
                 WHERE p.forum_id = \(forumID) ORDER BY p.kind DESC, p.sls_code, p.id
                """, logger: database.logger)
            for try await (id, kind, name, unit, username, activated, attended, representative, version)
                in rows.decode((Int64, String, String, String?, String?, Bool?, Bool, String?, Int32).self) {
                found.append(Participant(id: id, kind: kind, fullName: name, unit: unit, username: username, activated: activated ?? false,
                                         attended: attended, representative: representative, version: Int(version)))
            }
            return found
        }
    }
}
