import Crypto
import FKPCore
import Foundation
import Logging
import PostgresNIO

/// Applies the numbered files of `sql/` in order, each in its own transaction, and records each
/// with the SHA-256 of its bytes. An applied file whose bytes changed is refused, by name.
public struct Migrator: Sendable {
    public struct Migration: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let sql: String
        public let checksum: String
    }

    public struct Status: Sendable, Equatable {
        public var applied: [Int] = []
        public var pending: [String] = []
        public var changed: [String] = []
        public var unknown: [Int] = []
        public var isCurrent: Bool { pending.isEmpty && changed.isEmpty && unknown.isEmpty }
    }

    public enum Failure: Error, CustomStringConvertible {
        case unreadableDirectory(String)
        case badFileName(String)
        case duplicateVersion(Int)
        case checksumChanged(file: String)
        case unknownApplied(version: Int)
        case signedInAsServerRole(pending: Int, first: String)
        case failed(file: String, statement: String, message: String)

        public var description: String {
            switch self {
            case .unreadableDirectory(let path): "cannot read the migrations folder \(path)"
            case .badFileName(let name): "migration file \(name) is not named NNNN_name.sql"
            case .duplicateVersion(let v): "two migration files carry number \(v)"
            case .checksumChanged(let file):
                "migration \(file) was already applied and its content has changed since; applied migrations must never be edited (add a new file instead)"
            case .unknownApplied(let v):
                "the database has migration \(v) applied, which this build does not have; run a newer build"
            case .signedInAsServerRole(let pending, let first):
                "the database lacks \(pending) migration(s), from \(first), and this address signs in as a member of "
                    + "\(ServerRole.name), which may not change the schema: run `fkp migrate` with the owner's address"
            case .failed(let file, let statement, let message):
                "migration \(file) failed: \(message)\n  in: \(statement.prefix(300))"
            }
        }
    }

    public let migrations: [Migration]

    public init(directory: String) throws {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: directory) else {
            throw Failure.unreadableDirectory(directory)
        }
        var found: [Migration] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            guard let version = Int(name.prefix(while: \.isNumber)), name.prefix(while: \.isNumber).count == 4,
                  name.dropFirst(4).hasPrefix("_") else { throw Failure.badFileName(name) }
            guard let data = fm.contents(atPath: directory + "/" + name) else { throw Failure.unreadableDirectory(name) }
            let checksum = AuditHashing.hex(SHA256.hash(data: data))
            found.append(Migration(version: version, name: name, sql: String(decoding: data, as: UTF8.self), checksum: checksum))
        }
        for (a, b) in zip(found, found.dropFirst()) where a.version == b.version {
            throw Failure.duplicateVersion(a.version)
        }
        self.migrations = found
    }

    private static let lockKey: Int64 = 0x464B_505F_4D49_47  // "FKP_MIG"

    /// Applies what is pending. Returns the names of the files it applied (empty when current).
    @discardableResult
    public func migrate(_ client: PostgresClient, logger: Logger) async throws -> [String] {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            do {
                let applied = try await apply(on: connection, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw error
            }
        }
    }

    /// Reads only (it runs on every /readyz): a database without the ledger has everything pending.
    public func status(_ client: PostgresClient, logger: Logger) async throws -> Status {
        try await client.withConnection { connection in try await status(on: connection, logger: logger) }
    }

    public func status(on connection: PostgresConnection, logger: Logger) async throws -> Status {
        status(of: try await Self.hasLedger(connection, logger: logger) ? try await appliedChecksums(connection, logger: logger) : [:])
    }

    /// Whether `fkp migrate` ever ran on this database (its ledger of applied files exists); asked
    /// without the migration files, which a command run outside the checkout does not have.
    public static func hasLedger(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let rows = try await connection.query("SELECT to_regclass('public.schema_migrations') IS NOT NULL", logger: logger)
        for try await exists in rows.decode(Bool.self) { return exists }
        return false
    }

    private func apply(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        let hasLedger = try await Self.hasLedger(connection, logger: logger)
        let current = status(of: hasLedger ? try await appliedChecksums(connection, logger: logger) : [:])
        if let file = current.changed.first { throw Failure.checksumChanged(file: file) }
        if let version = current.unknown.first { throw Failure.unknownApplied(version: version) }
        if let first = current.pending.first, try await ServerRole.standing(on: connection, logger: logger).signedInAsMember {
            throw Failure.signedInAsServerRole(pending: current.pending.count, first: first)
        }
        // Made only where it is missing: the server's own role (`ServerRole`) may create nothing,
        // and its `fkp serve --migrate` on a current database must still start.
        if !hasLedger { try await createLedger(connection, logger: logger) }
        var appliedNow: [String] = []
        for migration in migrations where current.pending.contains(migration.name) {
            try await connection.transaction(logger: logger) { connection in
                for statement in SQLScript.statements(migration.sql) {
                    do {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    } catch let error as PSQLError {
                        throw Failure.failed(file: migration.name, statement: statement,
                                             message: error.serverInfo?[.message] ?? "\(error)")
                    }
                }
                try await connection.query("""
                    INSERT INTO public.schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """, logger: logger)
            }
            logger.info("applied migration", metadata: ["file": "\(migration.name)"])
            appliedNow.append(migration.name)
        }
        try await ServerRole.grant(on: connection, logger: logger)
        return appliedNow
    }

    private func createLedger(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS public.schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
    }

    private func appliedChecksums(_ connection: PostgresConnection, logger: Logger) async throws -> [Int: String] {
        var applied: [Int: String] = [:]
        let rows = try await connection.query("SELECT version, checksum FROM public.schema_migrations", logger: logger)
        for try await (version, checksum) in rows.decode((Int, String).self) { applied[version] = checksum }
        return applied
    }

    private func status(of applied: [Int: String]) -> Status {
        var status = Status()
        let known = Set(migrations.map(\.version))
        for migration in migrations {
            switch applied[migration.version] {
            case nil: status.pending.append(migration.name)
            case migration.checksum: status.applied.append(migration.version)
            default: status.changed.append(migration.name)
            }
        }
        status.unknown = applied.keys.filter { !known.contains($0) }.sorted()
        return status
    }
}
