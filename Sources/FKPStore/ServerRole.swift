import Logging
import PostgresNIO

/// The database role a web server may run as instead of the schema's owner: it reads and writes
/// the domain's tables, reads the audit trail and adds to it only where the server itself writes
/// (the audit entries are written by the audit's own functions, which run as the owner). It cannot
/// change or remove an entry, turn a trigger off, or change the schema, so not even a server taken
/// over can write around the audit trail. The operator creates it (docs/operations.md, "The
/// server's own role"); `fkp migrate`, run as the owner, gives it what the schema of the day needs.
public enum ServerRole {
    public static let name = "fkp_server"

    /// The append-only audit tables the server inserts into itself: an import's kept rows, and the
    /// logs of sign-ins and of whole personal numbers shown. Every other audit table is written only
    /// through the audit's functions.
    public static let auditTablesWritten = ["audit.imported_families", "audit.imported_regions",
                                            "audit.security_events", "audit.personal_data_access"]

    /// Grants the role what the server needs on every table there is now, when the role exists and
    /// the connection is not the role's own (it may grant nothing). Repeated after every migration,
    /// so that a table a migration adds is the server's to use at once. False when nothing was granted.
    @discardableResult
    public static func grant(on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let (exists, signedInAsMember) = try await standing(on: connection, logger: logger)
        guard exists, !signedInAsMember else { return false }
        // Identifiers from the constants above, never from input.
        let statements = [
            "GRANT USAGE ON SCHEMA fkp, audit, runtime TO \(name)",
            "GRANT SELECT ON public.schema_migrations TO \(name)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA fkp, runtime TO \(name)",
            "GRANT USAGE ON ALL SEQUENCES IN SCHEMA fkp, runtime, audit TO \(name)",
            "GRANT SELECT ON ALL TABLES IN SCHEMA audit TO \(name)",
            "GRANT INSERT ON \(auditTablesWritten.joined(separator: ", ")) TO \(name)",
        ]
        try await connection.transaction(logger: logger) { connection in
            for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
        }
        return true
    }

    /// Makes the role where it is missing, and a sign-in `username` in it, given `password` (letters
    /// and digits: a role's password cannot be a bound parameter). For the clusters this program
    /// makes itself (the demo's, the tests'); an operator makes them by hand (docs/operations.md).
    public static func createSignIn(_ username: String, password: String, on connection: PostgresConnection,
                                    logger: Logger) async throws {
        precondition(username.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }, "role names are code constants")
        precondition(password.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }, "passwords are made by the program")
        // Another process may make either at once: its duplicate is no failure.
        for statement in [
            "DO $$ BEGIN CREATE ROLE \(name) NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
            "DO $$ BEGIN CREATE ROLE \(username) LOGIN IN ROLE \(name); EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
            "ALTER ROLE \(username) PASSWORD '\(password)'",
        ] {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
    }

    /// Whether the role exists, and whether the connection is signed in as one of its members, directly
    /// or through another role (a superuser counts as a member of every role to PostgreSQL, not here).
    public static func standing(on connection: PostgresConnection, logger: Logger) async throws -> (exists: Bool, signedInAsMember: Bool) {
        let rows = try await connection.query("""
            SELECT r.oid IS NOT NULL, r.oid IS NOT NULL AND pg_has_role(current_user, r.oid, 'MEMBER') AND NOT u.rolsuper
              FROM pg_roles u LEFT JOIN pg_roles r ON r.rolname = \(name)
             WHERE u.rolname = current_user
            """, logger: logger)
        for try await answer in rows.decode((Bool, Bool).self) { return answer }
        return (false, false)
    }
}
