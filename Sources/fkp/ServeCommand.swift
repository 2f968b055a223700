import ArgumentParser
import FKPStore
import FKPWeb
import Hummingbird
import Logging
import PostgresNIO

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application (configured by DATABASE_URL, HOST, PORT and the variables in the README).")

    @Flag(help: "Apply pending migrations before serving.")
    var migrate = false

    func run() async throws {
        try await CommandSupport.reportingFailures {
            let config = try CommandSupport.configuration()
            let logger = CommandSupport.bootstrapLogging(level: config.logLevel)
            // Which database this process serves, for the operator reading the log (no password).
            logger.notice("serving the database", metadata: ["database": "\(config.database)"])
            if migrate {
                for name in try await CommandSupport.migrate(config, logger: logger) {
                    logger.notice("applied migration", metadata: ["file": "\(name)"])
                }
            } else if let (status, asServerRole) = await Self.schemaStatus(config, logger: logger) {
                // Served behind its code, every page would fail: said once, at start.
                if let file = status.changed.first {
                    throw ValidationError("migration \(file) differs from the one applied to the database; this release cannot serve it")
                }
                if let first = status.pending.first {
                    if asServerRole { throw Migrator.Failure.signedInAsServerRole(pending: status.pending.count, first: first) }
                    throw ValidationError("the database lacks \(status.pending.count) migration(s), from \(first): "
                        + "run `fkp migrate` first, or start with `fkp serve --migrate`")
                }
            }
            let app = try await buildApplication(config: config, logger: logger)
            try await ServerLifecycle.run(app, logger: logger)
        }
    }

    /// The schema's state, and whether the server signs in as its own role (which cannot migrate);
    /// nil when the database cannot be reached yet, which the server waits out as it waits out any
    /// outage (its pages answer 503 meanwhile).
    private static func schemaStatus(_ config: AppConfig, logger: Logger) async -> (Migrator.Status, asServerRole: Bool)? {
        guard let migrator = try? Migrator(directory: config.migrationsDirectory) else { return nil }
        return try? await PostgresClient.with(config.database, logger: logger, maximumConnections: 1) { client in
            let status = try await migrator.status(client, logger: logger)
            let standing = try await client.withConnection { try await ServerRole.standing(on: $0, logger: logger) }
            await CommandSupport.warnOfCollation(client, logger: logger)
            return (status, standing.signedInAsMember)
        }
    }
}
