import ArgumentParser
import FKPStore
import FKPWeb
import Foundation
import Logging
import PostgresNIO

extension CommandSupport {
    /// The database a command works on, for the length of `body`. A body that fails on a table,
    /// column or function the database lacks is answered, when that is the reason, with the
    /// database's migration state and what to run (a new database never migrated, or one behind
    /// this release), instead of PostgreSQL's `relation "fkp.regions" does not exist`.
    static func withDatabase<Result: Sendable>(
        _ config: AppConfig, logger: Logger, maximumConnections: Int = 4,
        _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        do {
            return try await PostgresClient.with(config.database, logger: logger, maximumConnections: maximumConnections, body)
        } catch {
            guard let refusal = DatabaseRefusal(error), missingObjectStates.contains(refusal.sqlState),
                  let behind = await schemaBehind(config, logger: logger) else { throw error }
            throw ValidationError("\(behind) (PostgreSQL said: \(refusal.message))")
        }
    }

    /// undefined_table, invalid_schema_name, undefined_column, undefined_function, undefined_object.
    private static let missingObjectStates: Set<String> = ["42P01", "3F000", "42703", "42883", "42704"]

    /// What the database lacks, when it can be told: no migration at all, or the pending files of
    /// the migrations folder when there is one here (FKP_SQL_DIR, or sql/ of the checkout). Nil
    /// when the schema is current, or when nothing can be told (the database cannot be asked).
    private static func schemaBehind(_ config: AppConfig, logger: Logger) async -> String? {
        let folder = try? AppConfig.fromEnvironment(ProcessInfo.processInfo.environment, database: config.database,
                                                      folders: .migrations).migrationsDirectory
        let migrator = folder.flatMap { try? Migrator(directory: $0) }
        return try? await PostgresClient.with(config.database, logger: logger, maximumConnections: 1) { client -> String? in
            try await client.withConnection { connection -> String? in
                guard try await Migrator.hasLedger(connection, logger: logger) else {
                    return "the database \(config.database.database) was never migrated: run `fkp migrate` first"
                }
                guard let pending = try await migrator?.status(on: connection, logger: logger).pending, let first = pending.first else { return nil }
                return "the database \(config.database.database) lacks \(pending.count) migration(s), from \(first): run `fkp migrate` first"
            }
        } ?? nil
    }
}
