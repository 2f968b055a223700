import FKPCore
import Foundation
import NIOCore
import PostgresNIO

/// Re-ranking a regency: the inputs the rule reads (families with their latest forum's outcome,
/// families added by forums), the runs and the final lists they produced.
public struct RerankRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Run: Sendable, Equatable {
        public var id: Int64
        public var regency: String
        public var provisional: Bool
        public var inputsSHA256: String
        public var outputSHA256: String
        public var familyCount: Int
        public var removedCount: Int
        public var openForums: [Int64]
        public var createdBy: String
        public var createdAt: Date

        /// From a row of `runColumns`' columns, in their order.
        init(_ row: (Int64, String, Bool, String, String, Int32, Int32, [Int64], String, Date)) {
            (id, regency, provisional, inputsSHA256, outputSHA256) = (row.0, row.1, row.2, row.3, row.4)
            (familyCount, removedCount, openForums, createdBy, createdAt) = (Int(row.5), Int(row.6), row.7, row.8, row.9)
        }
    }

    /// Forums of the regency that are neither closed nor cancelled: a final run waits for them.
    public func openForums(regency: RegionCode) async throws -> [Int64] {
        try await database.read { connection in try await openForums(regency: regency, on: connection) }
    }

    private func openForums(regency: RegionCode, on connection: PostgresConnection) async throws -> [Int64] {
        var found: [Int64] = []
        for try await id in try await connection.query("""
            SELECT id FROM fkp.forums WHERE region_code ~>=~ \(regency.value) AND region_code ~<~ \(regency.value + ":")
               AND fkp.forum_holds_units(state) ORDER BY id
            """, logger: database.logger).decode(Int64.self) { found.append(id) }
        return found
    }

    /// What a run ranks, as of one moment: the forums not closed then and, unless one is and open
    /// forums are not allowed, the families with their outcomes and the families forums added.
    public struct Inputs: Sendable {
        public var openForums: [Int64]
        public var families: [Reranking.ListedFamily]
        public var added: [Reranking.AddedFamily]
    }

    /// Reads the run's inputs in one read-only snapshot, so that a forum closing or reopening
    /// meanwhile is counted in all of them or in none (its reviews without its added families made
    /// a list that matched no moment).
    public func inputs(regency: RegionCode, allowOpen: Bool) async throws -> Inputs {
        try await database.read { connection in
            try await connection.transaction(logger: database.logger) { connection in
                try await connection.query(DatabaseSnapshot.readOnlySnapshot, logger: database.logger)
                let open = try await openForums(regency: regency, on: connection)
                guard open.isEmpty || allowOpen else { return Inputs(openForums: open, families: [], added: []) }
                let (families, added) = try await outcomes(regency: regency, includeOpen: allowOpen, on: connection)
                return Inputs(openForums: open, families: families, added: added)
            }
        }
    }

    /// The families of the regency, each with what its most recent forum (highest id) recorded,
    /// and the families forums added; only closed forums count unless `includeOpen`.
    private func outcomes(regency: RegionCode, includeOpen: Bool,
                          on connection: PostgresConnection) async throws -> (families: [Reranking.ListedFamily], added: [Reranking.AddedFamily]) {
        let (low, high) = (regency.value, regency.value + ":")
        var families: [Reranking.ListedFamily] = []
        let rows = try await connection.query("""
            WITH outcome AS (
                SELECT DISTINCT ON (r.family_id) r.family_id, r.forum_id, r.verdict, r.proposed_group, r.presence, r.reason,
                       coalesce(r.moved_to_sls_code, (SELECT g.code FROM fkp.regions g
                                                       WHERE g.code = btrim(r.moved_to) AND g.level IN ('sls', 'subsls'))) AS moved_unit
                  FROM fkp.reviews r JOIN fkp.forums f ON f.id = r.forum_id
                 WHERE f.region_code ~>=~ \(low) AND f.region_code ~<~ \(high) AND (f.state = 'closed' OR \(includeOpen))
                   AND (r.verdict IS NOT NULL OR r.presence <> 'present')
                 ORDER BY r.family_id, r.forum_id DESC)
            SELECT fam.id, fam.sls_code, fam.head_name, fam.welfare_group, fam.welfare_score::text,
                   o.forum_id, o.verdict, o.proposed_group, o.presence, o.moved_unit, o.reason
              FROM fkp.families fam LEFT JOIN outcome o ON o.family_id = fam.id
             WHERE fam.sls_code ~>=~ \(low) AND fam.sls_code ~<~ \(high)
            """, logger: database.logger)
        for try await (id, unit, head, group, score, forum, verdict, proposed, presence, moved, reason)
            in rows.decode((String, String, String, Int16, String, Int64?, String?, Int16?, String?, String?, String?).self) {
            guard let preliminary = WelfareGroup(rawValue: Int(group)) else { continue }
            let outcome = forum.map { forum in
                let review = Review(verdict: verdict.flatMap(Verdict.init), proposedGroup: proposed.flatMap { WelfareGroup(rawValue: Int($0)) },
                                    presence: presence.flatMap(Presence.init) ?? .present)
                return Reranking.Outcome(forumID: forum, groupAfter: review.groupAfter(preliminary: preliminary),
                                         presence: review.presence, movedToUnit: moved, reason: reason ?? "")
            }
            families.append(Reranking.ListedFamily(id: id, slsCode: unit, headName: head, preliminaryGroup: preliminary,
                                                   score: score, outcome: outcome))
        }
        var added: [Reranking.AddedFamily] = []
        let addedRows = try await connection.query("""
            SELECT a.id, a.forum_id, a.sls_code, a.head_name, a.proposed_group, a.presence, a.reason
              FROM fkp.added_families a JOIN fkp.forums f ON f.id = a.forum_id
             WHERE f.region_code ~>=~ \(low) AND f.region_code ~<~ \(high) AND (f.state = 'closed' OR \(includeOpen))
               AND a.withdrawn_at IS NULL
            """, logger: database.logger)
        for try await (id, forum, unit, head, group, presence, reason)
            in addedRows.decode((Int64, Int64, String, String, Int16, String, String).self) {
            guard let group = WelfareGroup(rawValue: Int(group)), let presence = Presence(rawValue: presence) else { continue }
            added.append(Reranking.AddedFamily(id: id, forumID: forum, slsCode: unit, headName: head, proposedGroup: group,
                                               presence: presence, reason: reason))
        }
        return (families, added)
    }

    /// The latest run of the regency that `actor` made after run `shown` (0: after none), minutes ago,
    /// if any: what the re-ranking form sent from a page showing `shown` as the latest run already
    /// made. A page left open longer runs again.
    public func runMade(regency: RegionCode, after shown: Int64, by actor: String) async throws -> Int64? {
        try await database.read { connection in try await runMade(regency: regency, after: shown, by: actor, on: connection) }
    }

    private func runMade(regency: RegionCode, after shown: Int64, by actor: String, on connection: PostgresConnection) async throws -> Int64? {
        var found: Int64?
        for try await id in try await connection.query("""
            SELECT max(id) FROM fkp.rerank_runs WHERE regency_code = \(regency.value) AND id > \(shown) AND created_by = \(actor)
               AND created_at > now() - \(Resubmission.window)::interval
            """, logger: database.logger).decode(Int64?.self) { found = id }
        return found
    }

    /// Stores a run and its final list in one transaction; returns the run's id, and whether it is
    /// new. With `sentAfter` (the latest run the form's page showed), runs of the regency go one
    /// at a time, and when the same person's form already made a run since, that run is returned
    /// and nothing is stored: the form arrived twice.
    public func record(regency: RegionCode, result: Reranking.Result, inputsSHA256: String, outputSHA256: String, openForums: [Int64],
                       sentAfter shown: Int64?, context: WriteContext) async throws -> (id: Int64, isNew: Bool) {
        try await database.write(context) { connection in
            if let shown {
                try await connection.lockResubmissions(of: "fkp.rerank \(regency.value)", logger: database.logger)
                if let made = try await runMade(regency: regency, after: shown, by: context.actor, on: connection) { return (made, false) }
            }
            var runID: Int64 = 0
            for try await id in try await connection.query("""
                INSERT INTO fkp.rerank_runs (regency_code, provisional, inputs_sha256, output_sha256, family_count, removed_count,
                                             open_forums, created_by)
                VALUES (\(regency.value), \(!openForums.isEmpty), \(inputsSHA256), \(outputSHA256), \(result.entries.count),
                        \(result.removed.count), \(openForums), \(context.actor))
                RETURNING id
                """, logger: database.logger).decode(Int64.self) { runID = id }
            // The run's audited entry carries the list's SHA-256; its lines are not captured one by one.
            try await connection.query("SELECT audit.declare_rerank_run(\(runID))", logger: database.logger)
            try await Self.storeLines(of: runID, result.entries, on: connection, logger: database.logger)
            return (runID, true)
        }
    }

    /// A run's lines go in by COPY, through a table of the transaction's own (COPY names no schema):
    /// a million lines as statements' parameters took four times as long.
    private static func storeLines(of runID: Int64, _ entries: [Reranking.Entry], on connection: PostgresConnection,
                                   logger: Logger) async throws {
        try await connection.query("""
            CREATE TEMP TABLE final_lines (final_rank int, family_id text, added_family_id bigint, sls_code text, head_name text,
                preliminary_group smallint, final_group smallint, change_reason text, flags text[], changes text[]) ON COMMIT DROP
            """, logger: logger)
        try await connection.copyFrom(table: "final_lines", logger: logger) { writer in
            let flushAt = 1 << 16
            var buffer = ByteBufferAllocator().buffer(capacity: flushAt + 4096)
            for entry in entries {
                CopyText.append([String(entry.rank), entry.familyID, entry.addedFamilyID.map(String.init), entry.slsCode, entry.headName,
                                 entry.preliminaryGroup.map { String($0.rawValue) }, String(entry.finalGroup.rawValue),
                                 entry.reason.isEmpty ? nil : entry.reason,
                                 "{" + entry.flags.map(\.rawValue).joined(separator: ",") + "}",
                                 "{" + entry.changes.map(\.rawValue).joined(separator: ",") + "}"], to: &buffer)
                if buffer.readableBytes > flushAt {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
        try await connection.query("""
            INSERT INTO fkp.final_ranks (run_id, final_rank, family_id, added_family_id, sls_code, head_name, preliminary_group,
                                         final_group, change_reason, flags, changes)
            SELECT \(runID), final_rank, family_id, added_family_id, sls_code, head_name, preliminary_group, final_group,
                   change_reason, flags, changes
              FROM final_lines
            """, logger: logger)
    }

    static let runColumns = """
        SELECT id, regency_code, provisional, inputs_sha256, output_sha256, family_count, removed_count, open_forums, created_by, created_at
          FROM fkp.rerank_runs
        """

    /// The runs of a regency, newest first.
    public func runs(regency: RegionCode) async throws -> [Run] {
        try await database.read { connection in
            var found: [Run] = []
            let rows = try await connection.query("""
                \(unescaped: Self.runColumns) WHERE regency_code = \(regency.value) ORDER BY id DESC
                """, logger: database.logger)
            for try await row in rows.decode((Int64, String, Bool, String, String, Int32, Int32, [Int64], String, Date).self) {
                found.append(Run(row))
            }
            return found
        }
    }

    /// For a families batch, the latest run of each regency it changed, when that run was made
    /// before the batch: such a run read its inputs before the batch began, so its list does not
    /// hold what the batch changed. By regency code, each with the regency's name.
    public func latestRunsBefore(batch id: Int64) async throws -> [(run: Run, regencyName: String)] {
        try await database.read { connection in
            var found: [(run: Run, regencyName: String)] = []
            let rows = try await connection.query("""
                SELECT r.id, r.regency_code, r.provisional, r.inputs_sha256, r.output_sha256, r.family_count, r.removed_count,
                       r.open_forums, r.created_by, r.created_at, g.name
                  FROM fkp.import_batches b
                 CROSS JOIN LATERAL unnest(b.regencies) changed(code)
                 CROSS JOIN LATERAL (SELECT * FROM fkp.rerank_runs r WHERE r.regency_code = changed.code ORDER BY r.id DESC LIMIT 1) r
                  JOIN fkp.regions g ON g.code = r.regency_code
                 WHERE b.id = \(id) AND b.kind = 'families' AND r.created_at < b.created_at
                 ORDER BY r.regency_code
                """, logger: database.logger)
            for try await (id, code, provisional, inputs, output, count, removed, open, by, at, name)
                in rows.decode((Int64, String, Bool, String, String, Int32, Int32, [Int64], String, Date, String).self) {
                found.append((Run((id, code, provisional, inputs, output, count, removed, open, by, at)), name))
            }
            return found
        }
    }

    /// The final list a run stored, in rank order, optionally only the lines of one place (a village).
    /// Read from the lines alone: a list revised since the run leaves what the run said unchanged.
    public func entries(runID: Int64, within place: RegionCode? = nil) async throws -> [Reranking.Entry] {
        try await database.read { connection in
            var found: [Reranking.Entry] = []
            try await Self.entries(runID: runID, within: place, on: connection, logger: database.logger) { found.append($0) }
            return found
        }
    }

    /// The same, handed over line by line as PostgreSQL sends them: a regency's list (a million lines)
    /// is never held whole.
    public func eachEntry(runID: Int64, _ body: (Reranking.Entry) async throws -> Void) async throws {
        try await database.readStreaming { connection in
            try await Self.entries(runID: runID, within: nil, on: connection, logger: database.logger, body)
        }
    }

    private static func entries(runID: Int64, within place: RegionCode?, on connection: PostgresConnection, logger: Logger,
                                _ body: (Reranking.Entry) async throws -> Void) async throws {
        let prefix = place?.value ?? ""
        let rows = try await connection.query("""
            SELECT r.final_rank, r.family_id, r.added_family_id, r.sls_code, r.head_name, r.preliminary_group,
                   r.final_group, coalesce(r.change_reason, ''), r.changes, r.flags
              FROM fkp.final_ranks r
             WHERE r.run_id = \(runID) AND r.sls_code ~>=~ \(prefix) AND r.sls_code ~<~ \(prefix + ":")
             ORDER BY r.final_rank
            """, logger: logger)
        for try await (rank, family, added, unit, head, preliminary, group, reason, changes, flags)
            in rows.decode((Int32, String?, Int64?, String, String, Int16?, Int16, String, [String], [String]).self) {
            guard let group = WelfareGroup(rawValue: Int(group)) else { continue }
            try await body(Reranking.Entry(rank: Int(rank), familyID: family, addedFamilyID: added, slsCode: unit, headName: head,
                                           preliminaryGroup: preliminary.flatMap { WelfareGroup(rawValue: Int($0)) }, finalGroup: group,
                                           changes: changes.compactMap(Reranking.Change.init), reason: reason,
                                           flags: flags.compactMap(Reranking.Flag.init)))
        }
    }
}
