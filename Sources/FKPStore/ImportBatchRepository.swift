import FKPCore
import Foundation
import PostgresNIO

/// Past import batches, for the people who load lists.
public struct ImportBatchRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Batch: Sendable, Equatable {
        public var id: Int64
        public var kind: String
        public var fileName: String
        public var sha256: String
        public var actor: String
        public var rows: Int
        public var added: Int
        public var changed: Int
        public var removed: Int
        public var createdAt: Date
        /// The units it removed or took families from, and the places it renamed or marked otherwise.
        public var places: ChangedPlaces
        /// The personal numbers its families shared with another family when it was loaded.
        public var sharedNumbers: SharedNumbers
    }

    /// The latest batches that touched places inside `roots` (all when nil), newest first; with
    /// `before`, those loaded before that batch (the page of older ones).
    public func recent(within roots: [RegionCode]?, before: Int64? = nil, limit: Int = 50) async throws -> [Batch] {
        try await batches(within: roots, only: nil, before: before, limit: limit)
    }

    /// The families lists loaded into `regency` after `date`, oldest first, at most `limit`: what a
    /// re-ranking recorded at `date` does not hold (it read its inputs before it was recorded).
    public func familiesLoaded(into regency: RegionCode, after date: Date, limit: Int = 10) async throws
        -> [(id: Int64, fileName: String, createdAt: Date)] {
        try await database.read { connection in
            var found: [(id: Int64, fileName: String, createdAt: Date)] = []
            let rows = try await connection.query("""
                SELECT id, file_name, created_at FROM fkp.import_batches
                 WHERE kind = 'families' AND \(regency.value) = ANY (regencies) AND created_at > \(date)
                 ORDER BY id LIMIT \(limit)
                """, logger: database.logger)
            for try await (id, file, created) in rows.decode((Int64, String, Date).self) { found.append((id, file, created)) }
            return found
        }
    }

    /// One batch, when it touched places inside `roots` (any when nil).
    public func batch(_ id: Int64, within roots: [RegionCode]?) async throws -> Batch? {
        try await batches(within: roots, only: id, before: nil, limit: 1).first
    }

    /// The batch that `actor` loaded from the same bytes minutes ago (`Resubmission.window`), if any:
    /// an upload sent twice (a second tap while a large list uploads) finds the first's batch, and is
    /// answered with it rather than with "nothing changed".
    public func recentlyLoaded(_ kind: ListKind, sha256: String, by actor: String) async throws -> Int64? {
        try await database.read { connection in
            var found: Int64?
            for try await id in try await connection.query("""
                SELECT max(id) FROM fkp.import_batches
                 WHERE kind = \(kind.rawValue) AND sha256 = \(sha256) AND actor = \(actor)
                   AND created_at > now() - \(Resubmission.window)::interval
                """, logger: database.logger).decode(Int64?.self) { found = id }
            return found
        }
    }

    private func batches(within roots: [RegionCode]?, only id: Int64?, before: Int64?, limit: Int) async throws -> [Batch] {
        let prefixes = roots?.map { $0.value + "%" }
        return try await database.read { connection in
            let rows = try await connection.query("""
                SELECT b.id, b.kind, b.file_name, b.sha256, b.actor, b.row_count, b.added, b.changed, b.removed, b.created_at,
                       b.places_changed::text, b.numbers_shared::text
                  FROM fkp.import_batches b
                 WHERE (\(id)::bigint IS NULL OR b.id = \(id))
                   AND (\(before)::bigint IS NULL OR b.id < \(before))
                   AND (\(prefixes)::text[] IS NULL OR EXISTS (
                       -- A batch concerns a place when it changed that place's regency, or a place within it.
                       SELECT 1 FROM unnest(b.regencies) changed, unnest(\(prefixes)::text[]) root
                        WHERE changed LIKE root OR root LIKE changed || '%'))
                 ORDER BY b.id DESC LIMIT \(limit)
                """, logger: database.logger)
            var found: [Batch] = []
            for try await (id, kind, file, sha, actor, count, added, changed, removed, created, places, shared)
                in rows.decode((Int64, String, String, String, String, Int32, Int32, Int32, Int32, Date, String, String).self) {
                found.append(Batch(id: id, kind: kind, fileName: file, sha256: sha, actor: actor, rows: Int(count), added: Int(added),
                                   changed: Int(changed), removed: Int(removed), createdAt: created, places: try ChangedPlaces(json: places),
                                   sharedNumbers: try SharedNumbers(json: shared)))
            }
            return found
        }
    }
}
