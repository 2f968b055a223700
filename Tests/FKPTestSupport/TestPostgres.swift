import FKPStore
import Foundation
import Logging
import PostgresNIO
import XCTest

/// The PostgreSQL server of a test run: TEST_DATABASE_URL when set (local hosts only), otherwise a
/// private throw-away cluster in .fkp/test-cluster, started once and stopped when the run ends.
/// The schema is migrated once into a template database; each test gets its own copy of it.
public actor TestPostgres {
    public static let shared = TestPostgres()
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    public static let logger: Logger = {
        var logger = Logger(label: "fkp.test")
        logger.logLevel = .warning
        return logger
    }()

    private var server: DatabaseURL?
    private var startFailure: (any Error)?
    private var templateName: String?
    private var counter = 0

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// The server's `postgres` database.
    public func serverURL() async throws -> DatabaseURL {
        if let server { return server }
        if let startFailure { throw startFailure }  // fail every test at once, not after a retry each
        do {
            let found = try await startServer()
            server = found
            return found
        } catch {
            startFailure = error
            throw error
        }
    }

    private func startServer() async throws -> DatabaseURL {
        let found: DatabaseURL
        let given = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let text = given {
            do { found = try DatabaseURL(parsing: text) } catch let malformed as DatabaseURL.Invalid {
                throw Unavailable(description: "TEST_DATABASE_URL is malformed: \(malformed.reason)")
            }
            guard found.socketPath != nil || ["127.0.0.1", "localhost", "::1"].contains(found.host) else {
                throw Unavailable(description: "TEST_DATABASE_URL must name a local server (tests create and drop databases), not \(found.host)")
            }
        } else {
            let cluster = try LocalPostgres(directory: Self.packageRoot + "/.fkp/test-cluster", durability: .throwaway)
            try cluster.destroy()  // a folder left by an interrupted run: stop what it names, then wipe
            found = try cluster.start()
            RunEnd.register { try? cluster.destroy() }
        }
        let reachable = try await PostgresClient.with(found, logger: Self.logger, maximumConnections: 1) { client in
            await Database(client: client, logger: Self.logger).isReachable(timeout: .seconds(10))
        }
        guard reachable else { throw Unavailable(description: "PostgreSQL at \(found) does not answer within 10 seconds") }
        if given != nil {
            try await TestRunLeftovers.drop(on: found, whereRun: TestRunLeftovers.processIsRunning, logger: Self.logger)
            TestRunLeftovers.dropWhenRunEnds(on: found, logger: Self.logger)
        }
        return found
    }

    /// A new database with the current schema, for one test.
    public func freshDatabase() async throws -> DatabaseURL {
        let server = try await serverURL()
        let template = try await migratedTemplate(on: server)
        counter += 1
        let name = "fkp_test_\(getpid())_\(counter)"
        try await DatabaseAdmin.createDatabase(name, on: server, template: template, logger: Self.logger)
        return server.with(database: name)
    }

    /// A new empty database (no schema), for migration tests.
    public func emptyDatabase() async throws -> DatabaseURL {
        let server = try await serverURL()
        counter += 1
        let name = "fkp_empty_\(getpid())_\(counter)"
        try await DatabaseAdmin.createDatabase(name, on: server, logger: Self.logger)
        return server.with(database: name)
    }

    /// How a test's own database orders text (its collation), whatever the server's default.
    public enum TextOrder: String, Sendable {
        case bytes = "LOCALE_PROVIDER libc"
        /// By ICU's rules, so that no locale need be installed on the machine.
        case americanEnglish = "LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
    }

    /// A new empty database that orders text as said, for the collation warning's tests.
    public func emptyDatabase(textOrder: TextOrder) async throws -> DatabaseURL {
        let server = try await serverURL()
        counter += 1
        let name = "fkp_empty_\(getpid())_\(counter)"
        try await PostgresClient.with(server.with(database: "postgres"), logger: Self.logger, maximumConnections: 1) { client in
            _ = try await client.query(PostgresQuery(unsafeSQL: """
                CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8' \(textOrder.rawValue)
                """), logger: Self.logger)
        }
        return server.with(database: name)
    }

    /// The address of `url`'s database for a sign-in role of the server's own (`ServerRole`), as a
    /// server would run with: the role is made once per server (roles are the whole server's, so it
    /// stays in a server given by TEST_DATABASE_URL), the sign-in role once per test process.
    public func serverRoleURL(for url: DatabaseURL) async throws -> DatabaseURL {
        let (username, password) = ("fkp_web_\(getpid())", "serverRoleTest")
        try await PostgresClient.with(url, logger: Self.logger, maximumConnections: 1) { client in
            try await client.withConnection { connection in
                try await ServerRole.createSignIn(username, password: password, on: connection, logger: Self.logger)
                _ = try await ServerRole.grant(on: connection, logger: Self.logger)
            }
        }
        var login = url
        login.username = username
        login.password = password
        return login
    }

    /// `url` reached through the server's Unix socket instead (the first folder of its
    /// `unix_socket_directories`), as a server on the database's own machine would.
    public func socketURL(for url: DatabaseURL) async throws -> DatabaseURL {
        let folders = try await PostgresClient.with(url, logger: Self.logger, maximumConnections: 1) { client in
            var answer = ""
            let rows = try await client.query("SELECT current_setting('unix_socket_directories')", logger: Self.logger)
            for try await value in rows.decode(String.self) { answer = value }
            return answer
        }
        guard let folder = folders.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { $0.hasPrefix("/") }) else {
            throw Unavailable(description: "the test server listens on no Unix socket (unix_socket_directories: '\(folders)')")
        }
        var socket = url
        socket.host = folder
        return socket
    }

    private func migratedTemplate(on server: DatabaseURL) async throws -> String {
        if let templateName { return templateName }
        let name = "fkp_template_\(getpid())"
        try await DatabaseAdmin.dropDatabase(name, on: server, logger: Self.logger)
        try await DatabaseAdmin.createDatabase(name, on: server, logger: Self.logger)
        let migrator = try Migrator(directory: Self.packageRoot + "/sql")
        try await PostgresClient.with(server.with(database: name), logger: Self.logger, maximumConnections: 1) { client in
            try await migrator.migrate(client, logger: Self.logger)
        }
        templateName = name
        return name
    }
}

/// Runs `body` with a fresh migrated database and a pooled client on it.
public func withTestDatabase<Result: Sendable>(
    _ body: @Sendable (Database, DatabaseURL) async throws -> Result
) async throws -> Result {
    let url = try await TestPostgres.shared.freshDatabase()
    do {
        return try await PostgresClient.with(url, logger: TestPostgres.logger, maximumConnections: 12) { client in
            try await body(Database(client: client, logger: TestPostgres.logger), url)
        }
    } catch let error as PSQLError {
        // The driver hides the server's words by default; a failing test should show them.
        throw ReadableDatabaseError(description: DatabaseRefusal(error)?.message ?? String(reflecting: error))
    }
}

public struct ReadableDatabaseError: Error, CustomStringConvertible {
    public let description: String
}
