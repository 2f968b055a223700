import Logging
import PostgresNIO

/// Creating databases on a server (the demo's database, the tests' copies of their template).
public enum DatabaseAdmin {
    /// Creates `name` unless it exists; names come from code, never from input, so they are spliced
    /// as quoted identifiers.
    public static func createDatabase(_ name: String, on server: DatabaseURL, template: String? = nil, logger: Logger) async throws {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "database names are code constants")
        try await PostgresClient.with(server.with(database: "postgres"), logger: logger, maximumConnections: 1) { client in
            let rows = try await client.query("SELECT 1 FROM pg_database WHERE datname = \(name)", logger: logger)
            for try await _ in rows { return }
            let templateClause = template.map { " TEMPLATE \"\($0)\"" } ?? ""
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\"\(templateClause)"), logger: logger)
        }
    }

    public static func dropDatabase(_ name: String, on server: DatabaseURL, logger: Logger) async throws {
        precondition(name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "database names are code constants")
        try await PostgresClient.with(server.with(database: "postgres"), logger: logger, maximumConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)"), logger: logger)
        }
    }
}
