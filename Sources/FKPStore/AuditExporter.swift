import Crypto
import FKPCore
import Foundation
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

    /// Writes the export to `write` and returns its manifest, signed with `key`. The lines come
    /// from the database ready-made (audit.export_line); this side counts the chains for the manifest.
    public func export(_ scope: Scope, from: Date?, to: Date?, format: AuditExportLine.Format, untilEntry: Int64,
                       key: ExportSigningKey, write: (String) async throws -> Void) async throws -> ExportManifest {
        var hasher = SHA256()
        var spans = ExportManifest.ChainSpans()
        func emit(_ text: String) async throws {
            hasher.update(data: Array(text.utf8))
            try await write(text)
        }
        try await emit(AuditExportLine.header(format))
        try await database.read { connection in
            let chains = try await chains(scope, on: connection)
            let rows = try await connection.query("""
                SELECT e.chain, e.seq, e.prev_hash, e.hash, audit.export_line(e, \(format.rawValue))
                  FROM audit.entries e
                 WHERE e.chain = ANY(\(chains)) AND e.id <= \(untilEntry)
                   AND (\(from)::timestamptz IS NULL OR e.occurred_at >= \(from)) AND (\(to)::timestamptz IS NULL OR e.occurred_at < \(to))
                 ORDER BY e.chain, e.seq
                """, logger: database.logger)
            var batch = ""
            for try await (chain, seq, previous, hash, line) in rows.decode((String, Int64, String, String, String).self) {
                spans.add(chain: chain, seq: seq, previousHash: previous, hash: hash)
                batch += line
                if batch.utf8.count > 1 << 16 {
                    try await emit(batch)
                    batch = ""
                }
            }
            try await emit(batch)
        }
        var manifest = ExportManifest(
            request: .init(forum: { if case .forum(let id) = scope { return id } else { return nil } }(),
                           region: { if case .region(let code) = scope { return code.value } else { return nil } }(),
                           from: from.map(Self.timeText), to: to.map(Self.timeText), format: format.rawValue, untilEntry: untilEntry),
            fileSHA256: AuditHashing.hex(hasher.finalize()), entries: spans.entries, chains: spans.chains)
        try manifest.sign(with: key.privateKey)
        return manifest
    }

    static func timeText(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
