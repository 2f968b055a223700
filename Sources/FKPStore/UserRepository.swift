import FKPCore
import PostgresNIO

/// Accounts and their role assignments. Password hashing happens before this layer (bcrypt,
/// off the event loop); only hashes reach the database.
public struct UserRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct NewUser: Sendable {
        public var username: String
        public var displayName: String
        /// nil for people who set their own password with an activation code.
        public var passwordHash: String?
        public var mustChangePassword: Bool
        public var role: Role
        public var regionCode: String?
        public var forumID: Int64?
        public var isSupervisor: Bool

        public init(username: String, displayName: String, passwordHash: String?, mustChangePassword: Bool,
                    role: Role, regionCode: String?, forumID: Int64? = nil, isSupervisor: Bool = false) {
            self.username = username
            self.displayName = displayName
            self.passwordHash = passwordHash
            self.mustChangePassword = mustChangePassword
            self.role = role
            self.regionCode = regionCode
            self.forumID = forumID
            self.isSupervisor = isSupervisor
        }
    }

    /// Creates the account and its first assignment in one transaction.
    @discardableResult
    public func create(_ user: NewUser, context: WriteContext) async throws -> Int64 {
        try await database.write(context) { connection in try await insert(user, on: connection) }
    }

    public enum Creation: Sendable, Equatable {
        case created(userID: Int64)
        /// The account the same form made minutes ago, its temporary password replaced by the new one.
        case sentAgain(userID: Int64)
    }

    /// Creates the account as `create` does, from the account form. The form sent twice (a second
    /// tap on a slow connection) makes one account: the second sending finds the account its first
    /// sending made (by the same person, minutes ago, the same name, role and place, its temporary
    /// password still unchanged) and gives it the second sending's password, the one its person now
    /// sees; the first sending's answer, with its password, never reached them.
    public func createFromForm(_ user: NewUser, context: WriteContext) async throws -> Creation {
        try await database.write(context) { connection in
            try await connection.lockResubmissions(of: "fkp.user \(user.username)", logger: database.logger)
            let made = try await connection.query("""
                SELECT u.id FROM fkp.users u JOIN fkp.role_assignments a ON a.user_id = u.id
                 WHERE u.username = \(user.username) AND u.display_name = \(user.displayName) AND u.must_change_password
                   AND u.disabled_at IS NULL AND u.created_at > now() - \(Resubmission.window)::interval
                   AND a.revoked_at IS NULL AND a.role = \(user.role.rawValue) AND a.region_code IS NOT DISTINCT FROM \(user.regionCode)
                   AND a.forum_id IS NOT DISTINCT FROM \(user.forumID) AND a.is_supervisor = \(user.isSupervisor)
                   AND (SELECT count(*) FROM fkp.role_assignments o WHERE o.user_id = u.id) = 1
                   AND EXISTS (SELECT 1 FROM audit.entries e WHERE e.table_name = 'fkp.users' AND e.row_key = u.username
                                  AND e.operation = 'INSERT' AND e.actor = \(context.actor))
                """, logger: database.logger)
            for try await id in made.decode(Int64.self) {
                try await connection.query("""
                    UPDATE fkp.users SET password_hash = \(user.passwordHash), version = version + 1 WHERE id = \(id)
                    """, logger: database.logger)
                return .sentAgain(userID: id)
            }
            return .created(userID: try await insert(user, on: connection))
        }
    }

    private func insert(_ user: NewUser, on connection: PostgresConnection) async throws -> Int64 {
        let rows = try await connection.query("""
            INSERT INTO fkp.users (username, display_name, password_hash, must_change_password)
            VALUES (\(user.username), \(user.displayName), \(user.passwordHash), \(user.mustChangePassword))
            RETURNING id
            """, logger: database.logger)
        var id: Int64 = 0
        for try await value in rows.decode(Int64.self) { id = value }
        try await connection.query("""
            INSERT INTO fkp.role_assignments (user_id, role, region_code, forum_id, is_supervisor)
            VALUES (\(id), \(user.role.rawValue), \(user.regionCode), \(user.forumID), \(user.isSupervisor))
            """, logger: database.logger)
        return id
    }

    public func exists(username: String) async throws -> Bool {
        try await database.read { connection in
            let rows = try await connection.query(
                "SELECT 1 FROM fkp.users WHERE username = \(username)", logger: database.logger)
            for try await _ in rows { return true }
            return false
        }
    }
}
