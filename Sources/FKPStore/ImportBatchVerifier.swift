import Crypto
import FKPCore
import PostgresNIO

/// Checks what an import batch kept beside the audit chain (`audit.imported_families` or
/// `audit.imported_regions`, docs/audit.md "Bulk loads") against the file it loaded. Those rows
/// are not in the chain; the batch's chained entry is, with the file's SHA-256, its rows and the
/// counts added, changed and removed. Given that file, every kept row must be one of its lines as
/// read, a removal must be of a family the file no longer lists in a unit it lists, and the rows
/// must be as many as the entry counts: an altered, removed or added kept row is found.
public struct ImportBatchVerifier: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// What a batch's entry in the audit trail says it loaded.
    public struct Entry: Sendable, Equatable {
        public var batchID: Int64
        public var kind: ListKind
        public var fileName: String
        public var sha256: String
        public var rows: Int
        public var counts: Counts
        public var chain: String
        public var seq: Int64
        /// The entry itself, to tell what was written before it.
        public var entryID: Int64
    }

    public struct Counts: Sendable, Equatable, CustomStringConvertible {
        public var added = 0
        public var changed = 0
        public var removed = 0

        public init(added: Int = 0, changed: Int = 0, removed: Int = 0) {
            (self.added, self.changed, self.removed) = (added, changed, removed)
        }

        public var description: String { "\(added) added, \(changed) changed, \(removed) removed" }
    }

    public struct Verification: Sendable, Equatable {
        /// The rows the file holds.
        public var rows: Int
        /// The kept rows, by what they record.
        public var kept: Counts
        /// What does not agree, at most `listed` of them.
        public var problems: [String]
        /// Problems beyond those listed.
        public var unlisted: Int

        public var isIntact: Bool { problems.isEmpty }
    }

    /// The problems listed of each kind; the rest are counted.
    static let listed = 100

    /// The chained entry of batch `id`; nil when the trail holds none.
    public func entry(of id: Int64) async throws -> Entry? {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT e.id, e.chain, e.seq, e.new_row ->> 'kind', e.new_row ->> 'file_name', e.new_row ->> 'sha256',
                       (e.new_row ->> 'row_count')::int, (e.new_row ->> 'added')::int, (e.new_row ->> 'changed')::int,
                       (e.new_row ->> 'removed')::int
                  FROM audit.entries e
                 WHERE e.table_name = 'fkp.import_batches' AND e.operation = 'INSERT' AND e.row_key = \(String(id))
                 ORDER BY e.id LIMIT 1
                """, logger: database.logger)
            for try await (entryID, chain, seq, kind, file, sha, count, added, changed, removed)
                in rows.decode((Int64, String, Int64, String, String, String, Int32, Int32, Int32, Int32).self) {
                guard let kind = ListKind(rawValue: kind) else { return nil }
                return Entry(batchID: id, kind: kind, fileName: file, sha256: sha, rows: Int(count),
                             counts: Counts(added: Int(added), changed: Int(changed), removed: Int(removed)), chain: chain, seq: seq,
                             entryID: entryID)
            }
            return nil
        }
    }

    /// The SHA-256 of a file's bytes, to tell the file a batch loaded from another before reading it as a list.
    public static func sha256<Chunks: AsyncSequence>(of chunks: Chunks) async throws -> String where Chunks.Element == [UInt8] {
        var hasher = SHA256()
        for try await chunk in chunks { hasher.update(data: chunk) }
        return AuditHashing.hex(hasher.finalize())
    }

    /// Whether `fkp.import_batches` holds batch `id`, for a batch whose entry is missing.
    public func batchExists(_ id: Int64) async throws -> Bool {
        try await database.read { connection in
            for try await found in try await connection.query("SELECT EXISTS (SELECT 1 FROM fkp.import_batches WHERE id = \(id))",
                                                              logger: database.logger).decode(Bool.self) {
                return found
            }
            return false
        }
    }

    /// Reads the file as the import read it (the same checks: a file refused today throws its
    /// `ImportProblems`), then compares the batch's kept rows with it. Changes nothing: the file's
    /// rows go into a temporary table dropped when the check ends. `progress` hears of the reading,
    /// then of the comparing (`.checking`), as an import's does.
    public func verify<Chunks: AsyncSequence & Sendable>(_ entry: Entry, chunks: Chunks,
                                                         progress: (@Sendable (ListImporter.Stage) -> Void)? = nil) async throws -> Verification
    where Chunks.Element == [UInt8] {
        try await database.read { connection in
            try await connection.transaction(logger: database.logger) { connection in
                // As the import itself: the comparison hashes whole files, and its statements are over
                // in a second or two, less than compiling them (JIT) would take.
                try await connection.query("SET LOCAL work_mem = '256MB'", logger: database.logger)
                try await connection.query("SET LOCAL jit = off", logger: database.logger)
                let staged = try await ListImporter(database: database).stage(entry.kind, chunks: chunks, on: connection, progress: progress)
                progress?(.checking(rows: staged.rows))
                // Its rows counted for the planner, which otherwise takes the table for a few rows and
                // compares a million kept rows with it one by one: more than ten minutes a million, against 0.25 s to count.
                try await connection.query("ANALYZE import_staging", logger: database.logger)
                var verification = Verification(rows: staged.rows, kept: try await keptCounts(entry, on: connection), problems: [], unlisted: 0)
                if staged.sha256 != entry.sha256 {
                    // Told by the caller before, from the file's bytes; said again should the file have changed while read.
                    verification.problems.append("the file's SHA-256 is \(staged.sha256), not the \(entry.sha256) "
                                                 + "of the file batch \(entry.batchID) loaded")
                    return verification
                }
                if staged.rows != entry.rows {
                    verification.problems.append("the file has \(staged.rows) rows as read today; the batch's entry says \(entry.rows)")
                }
                if verification.kept != entry.counts {
                    verification.problems.append("the batch kept \(verification.kept); its entry says \(entry.counts)")
                }
                let (listed, unlisted) = try await differences(entry, on: connection)
                verification.problems += listed
                verification.unlisted = unlisted
                return verification
            }
        }
    }

    private func keptCounts(_ entry: Entry, on connection: PostgresConnection) async throws -> Counts {
        var counts = Counts()
        let table = entry.kind == .families ? "audit.imported_families" : "audit.imported_regions"
        for try await (change, n) in try await connection.query("""
            SELECT change, count(*) FROM \(unescaped: table) WHERE batch_id = \(entry.batchID) GROUP BY 1
            """, logger: database.logger).decode((String, Int64).self) {
            switch change {
            case "add": counts.added = Int(n)
            case "change": counts.changed = Int(n)
            default: counts.removed = Int(n)
            }
        }
        return counts
    }

    /// What is found of each kind: the first `listed`, and how many in all.
    private struct Found {
        var listed: [String] = []
        var total = 0
    }

    /// Each kept row unlike the file: not its line, a removal the file does not make, or a line it
    /// must have added and kept no row for.
    private func differences(_ entry: Entry, on connection: PostgresConnection) async throws -> (listed: [String], unlisted: Int) {
        var found = [try await keptRowsUnlikeTheirLines(entry, on: connection)]
        if entry.kind == .families { found.append(try await removalsTheFileDoesNotMake(entry, on: connection)) }
        found.append(try await linesAddedButNotKept(entry, on: connection))
        let listed = found.flatMap(\.listed)
        return (listed, found.map(\.total).reduce(0, +) - listed.count)
    }

    /// Kept rows of added or changed families or places, compared with their lines column by column
    /// (numbers as text: 1.50 is not 1.5 as the file wrote it).
    private func keptRowsUnlikeTheirLines(_ entry: Entry, on connection: PostgresConnection) async throws -> Found {
        let rows = switch entry.kind {
        case .families: try await connection.query("""
            SELECT k.family_id, k.change, k.line, s.line, s.id IS NULL, array_remove(ARRAY[
                       CASE WHEN k.sls_code IS DISTINCT FROM s.sls_code THEN 'sls_code' END,
                       CASE WHEN k.head_name IS DISTINCT FROM s.head_name THEN 'head_name' END,
                       CASE WHEN k.address IS DISTINCT FROM s.address THEN 'address' END,
                       CASE WHEN k.members IS DISTINCT FROM s.members THEN 'members' END,
                       CASE WHEN k.welfare_group IS DISTINCT FROM s.welfare_group THEN 'welfare_group' END,
                       CASE WHEN k.welfare_score::text IS DISTINCT FROM s.welfare_score::text THEN 'welfare_score' END,
                       CASE WHEN k.kk_number IS DISTINCT FROM s.kk_number THEN 'kk_number' END,
                       CASE WHEN k.head_nik IS DISTINCT FROM s.head_nik THEN 'head_nik' END,
                       CASE WHEN k.latitude::text IS DISTINCT FROM s.latitude::text THEN 'latitude' END,
                       CASE WHEN k.longitude::text IS DISTINCT FROM s.longitude::text THEN 'longitude' END], NULL),
                   count(*) OVER ()
              FROM audit.imported_families k LEFT JOIN import_staging s ON s.id = k.family_id
             WHERE k.batch_id = \(entry.batchID) AND k.change <> 'remove'
               AND (k.line, k.sls_code, k.head_name, k.address, k.members, k.welfare_group, k.welfare_score::text, k.kk_number,
                    k.head_nik, k.latitude::text, k.longitude::text)
                   IS DISTINCT FROM (s.line, s.sls_code, s.head_name, s.address, s.members, s.welfare_group, s.welfare_score::text,
                    s.kk_number, s.head_nik, s.latitude::text, s.longitude::text)
             ORDER BY k.line, k.family_id LIMIT \(Self.listed)
            """, logger: database.logger)
        case .regions: try await connection.query("""
            SELECT k.code, k.change, k.line, s.line, s.code IS NULL, array_remove(ARRAY[
                       CASE WHEN k.name IS DISTINCT FROM s.name THEN 'name' END,
                       CASE WHEN k.level IS DISTINCT FROM s.level THEN 'level' END,
                       CASE WHEN k.non_sls IS DISTINCT FROM s.non_sls THEN 'non_sls' END], NULL),
                   count(*) OVER ()
              FROM audit.imported_regions k LEFT JOIN import_staging s ON s.code = k.code
             WHERE k.batch_id = \(entry.batchID)
               AND (k.line, k.name, k.level, k.non_sls) IS DISTINCT FROM (s.line, s.name, s.level, s.non_sls)
             ORDER BY k.line, k.code LIMIT \(Self.listed)
            """, logger: database.logger)
        }
        var found = Found()
        for try await (id, change, line, fileLine, missing, columns, count)
            in rows.decode((String, String, Int32, Int32?, Bool, [String], Int64).self) {
            found.total = Int(count)
            let kept = "\(entry.kind.noun) \(id): kept as \(change == "add" ? "added" : "changed") from line \(line)"
            if missing {
                found.listed.append("\(kept), but the file does not list it")
            } else if let fileLine, fileLine != line {
                found.listed.append("\(kept), but the file lists it on line \(fileLine)"
                                    + (columns.isEmpty ? "" : ", with other \(columns.joined(separator: ", "))"))
            } else {
                found.listed.append("\(kept); the file's line differs in \(columns.joined(separator: ", "))")
            }
        }
        return found
    }

    /// A file removes a family only from a unit it lists, and only one it no longer lists.
    private func removalsTheFileDoesNotMake(_ entry: Entry, on connection: PostgresConnection) async throws -> Found {
        var found = Found()
        for try await (id, unit, fileLine, count) in try await connection.query("""
            SELECT k.family_id, k.sls_code, s.line, count(*) OVER ()
              FROM audit.imported_families k LEFT JOIN import_staging s ON s.id = k.family_id
             WHERE k.batch_id = \(entry.batchID) AND k.change = 'remove'
               AND (s.id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM import_staging u WHERE u.sls_code = k.sls_code))
             ORDER BY k.family_id LIMIT \(Self.listed)
            """, logger: database.logger).decode((String, String, Int32?, Int64).self) {
            found.total = Int(count)
            let kept = "family \(id): kept as removed from unit \(unit)"
            found.listed.append(fileLine.map { "\(kept), but the file lists it on line \($0)" } ?? "\(kept), which the file does not list")
        }
        return found
    }

    /// Lines of families or places that nothing before the batch left in the database, for which it
    /// kept no row: the batch added them, and their rows are missing. Before it, a family was loaded
    /// by a batch whose last row of it is not a removal, or written row by row with an entry of its
    /// own (a place likewise; places are never removed). A line of a family loaded before and left as
    /// it was has no row, rightly; one the batch changed and whose row is missing is found by the
    /// counts alone.
    private func linesAddedButNotKept(_ entry: Entry, on connection: PostgresConnection) async throws -> Found {
        let rows = switch entry.kind {
        // The lines without a row first, all at once (asked line by line with the rest, 5 s a million; so, 1 s).
        case .families: try await connection.query("""
            WITH not_kept AS MATERIALIZED (
                SELECT s.id, s.line FROM import_staging s
                 WHERE NOT EXISTS (SELECT 1 FROM audit.imported_families k WHERE k.family_id = s.id AND k.batch_id = \(entry.batchID)))
            SELECT n.id, n.line, count(*) OVER ()
              FROM not_kept n
             WHERE coalesce((SELECT k.change FROM audit.imported_families k WHERE k.family_id = n.id AND k.batch_id < \(entry.batchID)
                              ORDER BY k.batch_id DESC LIMIT 1), 'remove') = 'remove'
               AND NOT EXISTS (SELECT 1 FROM audit.entries e
                                WHERE e.table_name = 'fkp.families' AND e.row_key = n.id AND e.id < \(entry.entryID))
             ORDER BY n.line LIMIT \(Self.listed)
            """, logger: database.logger)
        case .regions: try await connection.query("""
            SELECT s.code, s.line, count(*) OVER ()
              FROM import_staging s
             WHERE NOT EXISTS (SELECT 1 FROM audit.imported_regions k WHERE k.code = s.code AND k.batch_id <= \(entry.batchID))
               AND NOT EXISTS (SELECT 1 FROM audit.entries e
                                WHERE e.table_name = 'fkp.regions' AND e.row_key = s.code AND e.id < \(entry.entryID))
             ORDER BY s.line LIMIT \(Self.listed)
            """, logger: database.logger)
        }
        var found = Found()
        for try await (id, line, count) in rows.decode((String, Int32, Int64).self) {
            found.total = Int(count)
            found.listed.append("\(entry.kind.noun) \(id), line \(line): nothing loaded or wrote it before this batch, "
                                + "so the batch added it, yet kept no row for it")
        }
        return found
    }
}

private extension ListKind {
    /// What one row of this list is.
    var noun: String { self == .families ? "family" : "region" }
}
