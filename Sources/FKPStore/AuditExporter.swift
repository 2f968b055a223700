import Crypto
import FKPCore
import Foundation
import NIOCore
import PostgresNIO

/// Streams the audit entries of a forum or a region, whole chains (or their part in a time range),
/// in the export format, and builds the signed manifest that goes beside the file. Memory stays
/// flat: entries are written as they arrive from the database.
public struct AuditExporter: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public enum Scope: Sendable, Equatable {
        case forum(Int64)
        case region(RegionCode)
    }

    /// The newest entry id: an export covers entries up to it, so a file and its manifest agree.
    public func latestEntryID() async throws -> Int64 {
        try await database.read { connection in
            for try await id in try await connection.query("SELECT coalesce(max(id), 0) FROM audit.entries", logger: database.logger)
                .decode(Int64.self) { return id }
            return 0
        }
    }

    /// Whether `scope` names something: the forum or the place exists, or its chain does (a forum's
    /// chain outlives a forum row removed behind the triggers, and is then what an auditor needs).
    public func exists(_ scope: Scope) async throws -> Bool {
        try await database.read { connection in
            let query: PostgresQuery
            switch scope {
            case .forum(let id):
                query = """
                    SELECT EXISTS (SELECT 1 FROM fkp.forums WHERE id = \(id))
                        OR EXISTS (SELECT 1 FROM audit.chain_heads WHERE chain = 'forum:' || \(id))
                    """
            case .region(let code):
                query = """
                    SELECT EXISTS (SELECT 1 FROM fkp.regions WHERE code = \(code.value))
                        OR EXISTS (SELECT 1 FROM audit.chain_heads WHERE chain = 'regency:' || \(code.value))
                    """
            }
            for try await found in try await connection.query(query, logger: database.logger).decode(Bool.self) { return found }
            return false
        }
    }

    /// The chains an export of `scope` holds: a forum's own chain; for a region, the chains of its
    /// forums and of the regencies it lies in or contains.
    func chains(_ scope: Scope, on connection: PostgresConnection) async throws -> [String] {
        switch scope {
        case .forum(let id): return ["forum:\(id)"]
        case .region(let code):
            var found: [String] = []
            let prefix = String(code.value.prefix(4))
            for try await chain in try await connection.query("""
                SELECT 'forum:' || id FROM fkp.forums WHERE region_code ~>=~ \(code.value) AND region_code ~<~ \(code.value + ":")
                UNION
                SELECT chain FROM audit.chain_heads WHERE chain ~>=~ ('regency:' || \(prefix)) AND chain ~<~ ('regency:' || \(prefix) || ':')
                ORDER BY 1
                """, logger: database.logger).decode(String.self) { found.append(chain) }
            return found
        }
    }

    /// Writes the export to `write`, in pieces of at most 64 KiB, and returns its manifest, signed with `key`.
    /// With `connections` 2 the chains are read on two connections at once (`ChainOrderedReader`),
    /// for a command with a pool of its own; a server's downloads read on one, so that they never
    /// hold a connection while they wait for a second one.
    public func export(_ scope: Scope, from: AuditInstant?, to: AuditInstant?, format: AuditExportLine.Format, untilEntry: Int64,
                       key: ExportSigningKey, connections: Int = 1, write: (ByteBuffer) async throws -> Void) async throws -> ExportManifest {
        let fileHash = RunningSHA256()
        var spans = ExportManifest.ChainSpans()
        let writer = ExportLineWriter(format: format)
        try await database.readStreaming { connection in
            try await connection.transaction(logger: database.logger) { connection in
                let snapshot = try await DatabaseSnapshot.export(on: connection, logger: database.logger)
                let chains = try await chains(scope, on: connection)
                // Each entry is one record of the export's columns as text, in their order (the time as binary: see RecordBatch).
                let entries: @Sendable ([String]) -> PostgresQuery = { chains in
                    """
                    SELECT ROW(e.chain, e.seq::text, e.prev_hash, e.hash, e.occurred_at, e.actor, e.actor_role,
                               e.forum_id::text, e.region_code, e.action, e.reason, e.decision_ref, e.table_name, e.operation, e.row_key,
                               e.old_row, e.new_row)
                      FROM audit.entries e
                     WHERE e.chain = ANY(\(chains)) AND e.id <= \(untilEntry)
                       AND (\(from)::timestamptz IS NULL OR e.occurred_at >= \(from)) AND (\(to)::timestamptz IS NULL OR e.occurred_at < \(to))
                     -- The table's columns, not the text ones above: sequence numbers in number order.
                     ORDER BY e.chain, e.seq
                    """
                }
                // Two buffers in turn: lines are formatted into one while the other, formatted before,
                // is hashed on a task beside (the file's SHA-256 costs half as much as the formatting).
                var formatting = ByteBuffer(string: AuditExportLine.header(format)), spare = ByteBuffer()
                var hashing: Task<Void, Never>?
                func pass() async throws {
                    await hashing?.value  // then the spare buffer is no longer read, and is written in place
                    let ready = formatting
                    (formatting, spare) = (spare, ready)
                    formatting.clear()
                    hashing = Task { fileHash.update(ready) }
                    try await Self.write(ready, to: write)
                }
                try await ChainOrderedReader.read(chains: chains, query: entries, width: AuditExportLine.columns.count, connections: connections,
                                                  snapshot: snapshot, on: connection, database: database) { batch, rows in
                    for start in stride(from: rows.lowerBound, to: rows.upperBound, by: Self.passRows) {
                        try batch.forEach(rows: start..<min(start + Self.passRows, rows.upperBound)) { cells in
                            guard let chain = cells[0], let seq = cells[1], let previous = cells[2], let hash = cells[3] else { return }
                            spans.add(chain: String(decoding: chain, as: UTF8.self), seq: Int64(decimal: seq) ?? 0,
                                      previousHash: ChainHash(previous), hash: ChainHash(hash))
                            writer.append(cells, to: &formatting)
                        }
                        if formatting.readableBytes >= Self.passBytes { try await pass() }
                    }
                }
                try await pass()
                await hashing?.value
            }
        }
        var manifest = ExportManifest(
            request: .init(forum: { if case .forum(let id) = scope { return id } else { return nil } }(),
                           region: { if case .region(let code) = scope { return code.value } else { return nil } }(),
                           from: from?.text, to: to?.text, format: format.rawValue, untilEntry: untilEntry),
            fileSHA256: AuditHashing.hex(fileHash.finalize()), entries: spans.entries, chains: spans.chains)
        try manifest.sign(with: key.privateKey)
        return manifest
    }

    /// Formatted lines are handed on once they fill about this much, looked at every `passRows`
    /// rows, so that the two buffers stay small beside the batches the readers hold.
    static let passBytes = 1 << 20
    static let passRows = 500

    /// Writes `text` in pieces of at most 64 KiB.
    private static func write(_ text: ByteBuffer, to write: (ByteBuffer) async throws -> Void) async throws {
        var text = text
        while let piece = text.readSlice(length: min(1 << 16, text.readableBytes)), piece.readableBytes > 0 {
            try await write(piece)
        }
    }
}
