import FKPStore
import FKPTestSupport
import FKPWeb
import Hummingbird
import HummingbirdTesting
import Logging
import XCTest

/// Builds the real application (the same composition root as `fkp serve`) on a fresh database.
enum WebTest {
    static func config(_ url: DatabaseURL) -> AppConfig {
        var config = AppConfig(database: url, port: 0,
                               templatesDirectory: TestPostgres.packageRoot + "/templates",
                               publicDirectory: TestPostgres.packageRoot + "/public",
                               migrationsDirectory: TestPostgres.packageRoot + "/sql")
        config.bcryptCost = 10
        // Every review page served from the cache in any test is checked against the page rendered anew.
        config.verifyReviewPageCache = true
        config.exportKeyFile = FileManager.default.temporaryDirectory.appendingPathComponent("fkp-test-export.key").path
        return config
    }

    /// The configuration of a server on `url`'s database signed in as one in production is: as a
    /// member of `ServerRole`, not as the schema's owner, so that every test of a page also proves
    /// that the role may do what the page does.
    static func serverConfig(_ url: DatabaseURL) async throws -> AppConfig {
        config(try await TestPostgres.shared.serverRoleURL(for: url))
    }

    /// The application (`serverConfig`) on a fresh database, after the `seed` statements.
    static func withApp(seed: [String] = [], _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await withApp(seed: seed) { client, _ in try await test(client) }
    }

    /// The same, with the database at hand (signed in as its owner) for seeding and for checking
    /// what a request changed.
    static func withApp(seed: [String] = [],
                        _ test: @escaping @Sendable (any TestClientProtocol, Database) async throws -> Void) async throws {
        try await withTestDatabase { db, url in
            if !seed.isEmpty { try await SQLTest.write(db, seed) }
            let app = try await buildApplication(config: serverConfig(url), logger: TestPostgres.logger)
            try await app.test(.router) { client in try await test(client, db) }
        }
    }

    static func body(_ response: TestResponse) -> String { String(buffer: response.body) }
}
