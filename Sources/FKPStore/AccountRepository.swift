import FKPCore
import Foundation
import PostgresNIO

/// Reading accounts and their assignments, and changing them through the audited path.
public struct AccountRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Account: Sendable, Equatable {
        public var id: Int64
        public var username: String
        public var displayName: String
        public var passwordHash: String?
        public var mustChangePassword: Bool
        public var isDisabled: Bool
    }

    public func account(username: String) async throws -> Account? {
        try await account(id: nil, username: username)
    }

    public func account(id: Int64) async throws -> Account? {
        try await account(id: id, username: nil)
    }

    private func account(id: Int64?, username: String?) async throws -> Account? {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT id, username, display_name, password_hash, must_change_password, disabled_at IS NOT NULL
                  FROM fkp.users
                 WHERE (\(id)::bigint IS NULL OR id = \(id)) AND (\(username)::text IS NULL OR username = \(username))
                """, logger: database.logger)
            for try await (id, username, name, hash, mustChange, disabled) in rows.decode((Int64, String, String, String?, Bool, Bool).self) {
                return Account(id: id, username: username, displayName: name, passwordHash: hash,
                               mustChangePassword: mustChange, isDisabled: disabled)
            }
            return nil
        }
    }

    /// The person with their current assignments, or nil when the account is missing or disabled.
    /// One query: it runs on every request of a logged-in person.
    public func principal(userID: Int64) async throws -> Principal? {
        try await database.read { connection in
            var person = PrincipalRows()
            for try await row in try await connection.query(ActivePrincipal.self, userID, logger: database.logger) {
                let (username, name, mustChange, role, region, forum, supervisor)
                    = try row.decode((String, String, Bool, String?, String?, Int64?, Bool?).self)
                person.add(userID: userID, username: username, displayName: name, mustChangePassword: mustChange,
                           role: role, region: region, forumID: forum, isSupervisor: supervisor)
            }
            return person.principal
        }
    }

    private enum ActivePrincipal: PlannedSQL {
        static let sql = """
            SELECT u.username, u.display_name, u.must_change_password, a.role, a.region_code, a.forum_id, a.is_supervisor
              FROM fkp.users u
              LEFT JOIN fkp.role_assignments a ON a.user_id = u.id AND a.revoked_at IS NULL
             WHERE u.id = $1 AND u.disabled_at IS NULL
             ORDER BY a.id
            """
    }

    public func assignments(userID: Int64) async throws -> [Assignment] {
        try await held(userID: userID).map(\.assignment)
    }

    /// An assignment's place by its name; a unit's with its village's, since every village names its
    /// own "RT 001 / RW 001".
    static let placeName = "r.name || coalesce(' · ' || v.name, '')"
    static let placeJoins = """
        LEFT JOIN fkp.regions r ON r.code = a.region_code
        LEFT JOIN fkp.regions v ON length(a.region_code) >= 14 AND v.code = left(a.region_code, 10)
        """

    /// An assignment a user holds, with its id (which revoking it names) and its place's name.
    public struct Held: Sendable, Equatable {
        public var id: Int64
        public var assignment: Assignment
        public var placeName: String?
    }

    public func held(userID: Int64) async throws -> [Held] {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT a.id, a.role, a.region_code, a.forum_id, a.is_supervisor, \(unescaped: Self.placeName)
                  FROM fkp.role_assignments a \(unescaped: Self.placeJoins)
                 WHERE a.user_id = \(userID) AND a.revoked_at IS NULL ORDER BY a.id
                """, logger: database.logger)
            var found: [Held] = []
            for try await (id, role, region, forum, supervisor, place) in rows.decode((Int64, String, String?, Int64?, Bool, String?).self) {
                guard let role = Role(rawValue: role) else { continue }
                found.append(Held(id: id, assignment: Assignment(role: role, region: region.flatMap(RegionCode.parse), forumID: forum,
                                                                 isSupervisor: supervisor), placeName: place))
            }
            return found
        }
    }

    public struct Listed: Sendable, Equatable {
        public var account: Account
        public var assignments: [Assignment]
        /// The names of the assignments' places, by code.
        public var placeNames: [String: String] = [:]
    }

    /// Accounts with at least one assignment inside one of `roots` (every account when nil), by
    /// user name: those after `after`, whose user name or full name holds `matching` (any case),
    /// at most `limit` of them (nil: all). A season has over a million accounts: a page is asked
    /// for, never the whole list.
    public func list(within roots: [RegionCode]?, matching: String? = nil, after: String? = nil, limit: Int? = nil) async throws -> [Listed] {
        let prefixes = roots?.map { $0.value + "%" }
        let pattern = matching.map { "%" + LikePattern.literal($0) + "%" }
        return try await database.read { connection in
            let rows = try await connection.query("""
                WITH page AS (
                    SELECT u.id FROM fkp.users u
                     WHERE (\(after)::text IS NULL OR u.username > \(after))
                       AND (\(pattern)::text IS NULL OR u.username ILIKE \(pattern) OR u.display_name ILIKE \(pattern))
                       AND EXISTS (SELECT 1 FROM fkp.role_assignments a
                                    WHERE a.user_id = u.id AND a.revoked_at IS NULL
                                      AND (\(prefixes)::text[] IS NULL OR a.region_code LIKE ANY(\(prefixes)::text[])))
                     ORDER BY u.username
                     LIMIT \(limit))
                SELECT u.id, u.username, u.display_name, u.must_change_password, u.disabled_at IS NOT NULL,
                       a.role, a.region_code, a.forum_id, a.is_supervisor, \(unescaped: Self.placeName)
                  FROM page JOIN fkp.users u ON u.id = page.id JOIN fkp.role_assignments a ON a.user_id = u.id AND a.revoked_at IS NULL
                  \(unescaped: Self.placeJoins)
                 ORDER BY u.username, a.id
                """, logger: database.logger)
            var listed: [Listed] = []
            for try await (id, username, name, mustChange, disabled, role, region, forum, supervisor, place)
                in rows.decode((Int64, String, String, Bool, Bool, String, String?, Int64?, Bool, String?).self) {
                if listed.last?.account.id != id {
                    listed.append(Listed(account: Account(id: id, username: username, displayName: name, passwordHash: nil,
                                                          mustChangePassword: mustChange, isDisabled: disabled), assignments: []))
                }
                if let role = Role(rawValue: role) {
                    listed[listed.count - 1].assignments.append(
                        Assignment(role: role, region: region.flatMap(RegionCode.parse), forumID: forum, isSupervisor: supervisor))
                }
                if let region, let place { listed[listed.count - 1].placeNames[region] = place }
            }
            return listed
        }
    }

    public func setPassword(userID: Int64, hash: String, mustChange: Bool, context: WriteContext) async throws {
        try await database.write(context) { connection in
            try await connection.query("""
                UPDATE fkp.users SET password_hash = \(hash), must_change_password = \(mustChange), version = version + 1
                 WHERE id = \(userID)
                """, logger: database.logger)
        }
    }

    /// The audit trail's action of a person changing their own password.
    public static let ownPasswordChangeAction = "user.change_password"

    /// When `username` last changed their own password, if that was minutes ago (`Resubmission.window`):
    /// a password form arriving again (a second tap; the token of the session its first sending
    /// replaced) is answered with that change, not with "wrong password" or "form expired".
    public func recentOwnPasswordChange(username: String) async throws -> Date? {
        try await database.read { connection in
            var changed: Date?
            for try await at in try await connection.query("""
                SELECT max(occurred_at) FROM audit.entries
                 WHERE table_name = 'fkp.users' AND row_key = \(username) AND action = \(Self.ownPasswordChangeAction)
                   AND actor = \(username) AND occurred_at > now() - \(Resubmission.window)::interval
                """, logger: database.logger).decode(Date?.self) { changed = at }
            return changed
        }
    }

    public func setDisabled(userID: Int64, _ disabled: Bool, context: WriteContext) async throws {
        try await database.write(context) { connection in
            try await connection.query("""
                UPDATE fkp.users SET disabled_at = CASE WHEN \(disabled) THEN coalesce(disabled_at, now()) END, version = version + 1
                 WHERE id = \(userID)
                """, logger: database.logger)
            if disabled {
                try await connection.query("DELETE FROM runtime.sessions WHERE user_id = \(userID)", logger: database.logger)
            }
        }
    }

    /// Gives a user one more role in a place (the database checks the place fits the role); one
    /// the user already holds is not given twice.
    public func addAssignment(userID: Int64, _ assignment: Assignment, context: WriteContext) async throws {
        try await database.write(context) { connection in
            try await connection.query("""
                INSERT INTO fkp.role_assignments (user_id, role, region_code, forum_id, is_supervisor)
                SELECT \(userID), \(assignment.role.rawValue), \(assignment.region?.value), \(assignment.forumID), \(assignment.isSupervisor)
                 WHERE NOT EXISTS (SELECT 1 FROM fkp.role_assignments
                                    WHERE user_id = \(userID) AND revoked_at IS NULL AND role = \(assignment.role.rawValue)
                                      AND region_code IS NOT DISTINCT FROM \(assignment.region?.value)
                                      AND forum_id IS NOT DISTINCT FROM \(assignment.forumID) AND is_supervisor = \(assignment.isSupervisor))
                """, logger: database.logger)
        }
    }

    public enum RevokeOutcome: Sendable, Equatable { case revoked, lastOne, gone }

    /// Takes one role away from a user, keeping at least one (an account with none could no longer
    /// be managed; disabling it is how an account is stopped). The user's row is locked so that
    /// two revocations at once cannot take the last two.
    public func revokeAssignment(id: Int64, userID: Int64, context: WriteContext) async throws -> RevokeOutcome {
        try await database.write(context) { connection in
            try await connection.query("SELECT 1 FROM fkp.users WHERE id = \(userID) FOR UPDATE", logger: database.logger)
            var active = 0, found = false
            for try await assignment in try await connection.query("""
                SELECT id FROM fkp.role_assignments WHERE user_id = \(userID) AND revoked_at IS NULL
                """, logger: database.logger).decode(Int64.self) {
                active += 1
                if assignment == id { found = true }
            }
            guard found else {
                // Revoked already: the form sent twice (a second tap on a slow connection), answered
                // as its first sending was.
                for try await _ in try await connection.query("""
                    SELECT id FROM fkp.role_assignments WHERE id = \(id) AND user_id = \(userID) AND revoked_at IS NOT NULL
                    """, logger: database.logger).decode(Int64.self) { return .revoked }
                return .gone
            }
            guard active > 1 else { return .lastOne }
            try await connection.query("""
                UPDATE fkp.role_assignments SET revoked_at = now() WHERE id = \(id) AND user_id = \(userID) AND revoked_at IS NULL
                """, logger: database.logger)
            return .revoked
        }
    }
}
