import Logging
import PostgresNIO

/// How the database orders text unless told otherwise: every index of the schema's text keys (family
/// ids, units, chains, actors) compares under it. Byte order (`C.UTF-8`, `C`) is what the tests and
/// the benchmarks run on. A language's rules (`en_US.UTF-8`, what Debian's clusters and the official
/// container image take from their system unless told) give the same answers to every question the
/// server asks, but each comparison costs more: a million-family import a third slower, audited
/// writes a tenth (docs/benchmarks.md). A database's collation cannot be changed once created.
public struct DatabaseCollation: Sendable, Equatable {
    /// The collation's name as PostgreSQL gives it (an ICU locale's name when ICU provides it).
    public let name: String
    /// Whether text is ordered by its bytes.
    public let comparesBytes: Bool

    /// Asked of the database's behaviour rather than its name, so that any provider and version
    /// answers alike: in byte order 'B' comes before 'a' and '-' before 'b'; by a language's rules,
    /// case and punctuation come second.
    public static func read(on connection: PostgresConnection, logger: Logger) async throws -> DatabaseCollation {
        let rows = try await connection.query("""
            SELECT CASE d.j ->> 'datlocprovider' WHEN 'c' THEN d.j ->> 'datcollate'
                        ELSE coalesce(d.j ->> 'datlocale', d.j ->> 'daticulocale', d.j ->> 'datcollate') END,
                   NOT ('a' < 'B' OR 'ab' < 'a-c')
              FROM (SELECT to_jsonb(p) AS j FROM pg_database p WHERE p.datname = current_database()) d
            """, logger: logger)
        for try await (name, comparesBytes) in rows.decode((String?, Bool).self) {
            return DatabaseCollation(name: name ?? "unknown", comparesBytes: comparesBytes)
        }
        return DatabaseCollation(name: "unknown", comparesBytes: false)
    }

    public static func read(_ client: PostgresClient, logger: Logger) async throws -> DatabaseCollation {
        try await client.withConnection { connection in try await read(on: connection, logger: logger) }
    }

    /// What an operator is told at start when text is not ordered by bytes; nil when it is.
    public var warning: String? {
        guard !comparesBytes else { return nil }
        return "the database orders text by the rules of \(name), not by bytes: every index of text compares more slowly "
            + "(a million-family import about a third slower). Create it with LOCALE 'C.UTF-8' "
            + "(docs/operations.md, \"The database\")"
    }
}
