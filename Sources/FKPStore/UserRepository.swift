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
        try await database.write(context) { connection in
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
