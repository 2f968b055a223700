import FKPCore
import Foundation
import PostgresNIO

/// Reading the audit trail back, and re-checking its chains from the stored values.
public struct AuditRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Verification: Sendable {
        public var entries: Int64
        public var chains: Int
        public var problems: [String]
        public var isValid: Bool { problems.isEmpty }
    }

    /// Every chain (or one) re-hashed from the stored fields and compared with the chain heads.
    /// The entries are read as the export's columns and hashed by the same rule as an export's lines.
    /// Everything is read within one snapshot of the database: the entries and the heads that forums
    /// at work write meanwhile would otherwise be seen in part, and a sound chain reported broken.
    /// It holds three connections at once (the snapshot's, and two readers).
    public func verify(chain: String? = nil) async throws -> Verification {
        try await database.read { connection in
            try await connection.transaction(logger: database.logger) { connection in
                let snapshot = try await DatabaseSnapshot.export(on: connection, logger: database.logger)
                // PostgreSQL reading and sending the entries is most of the work: all chains are read
                // in two halves of the entries, on two connections at once, and joined where they meet.
                let ranges: [EntryRange] = if let chain { [.chain(chain)] } else { try await entryHalves(on: connection) }
                var parts = [(verifier: AuditChainVerifier, entries: Int64)?](repeating: nil, count: ranges.count)
                try await withThrowingTaskGroup(of: (Int, AuditChainVerifier, Int64).self) { group in
                    for (place, range) in ranges.enumerated() {
                        group.addTask {
                            let (verifier, entries) = try await verify(range, snapshot: snapshot)
                            return (place, verifier, entries)
                        }
                    }
                    for try await (place, verifier, entries) in group { parts[place] = (verifier, entries) }
                }
                var verifier = AuditChainVerifier()
                var count: Int64 = 0
                for case let (part, entries)? in parts {
                    verifier.readOn(part)
                    count += entries
                }
                var problems = verifier.problems.map(\.description)
                let heads = try await chainHeads(chain: chain, on: connection)
                for (name, head) in heads.sorted(by: { $0.key < $1.key }) where verifier.chains[name]?.problem == nil {
                    let seen = verifier.chains[name]
                    if (seen?.lastSeq ?? 0) < head.seq {
                        problems.append("chain \(name): entries \((seen?.lastSeq ?? 0) + 1)...\(head.seq) are missing")
                    } else if let seen, seen.headHash != ChainHash(head.hash) {
                        problems.append("chain \(name): the last entry does not match the recorded chain head")
                    }
                }
                for forum in try await forumsWithoutChain(chain: chain, on: connection) {
                    problems.append("chain forum:\(forum): no entries, though forum \(forum) exists (its whole history was removed)")
                }
                problems += try await closingsOffTheirChains(chain: chain, on: connection)
                return Verification(entries: count, chains: verifier.chains.count, problems: problems)
            }
        }
    }

    /// Forums that have no chain head: every forum's creation is an entry of its chain, so a forum
    /// without one lost its whole history, head included, behind the triggers.
    private func forumsWithoutChain(chain: String?, on connection: PostgresConnection) async throws -> [Int64] {
        var found: [Int64] = []
        let rows = try await connection.query("""
            SELECT f.id FROM fkp.forums f
             WHERE (\(chain)::text IS NULL OR 'forum:' || f.id = \(chain))
               AND NOT EXISTS (SELECT 1 FROM audit.chain_heads h WHERE h.chain = 'forum:' || f.id)
             ORDER BY f.id
            """, logger: database.logger)
        for try await id in rows.decode(Int64.self) { found.append(id) }
        return found
    }

    /// Closings whose recorded head (the one printed on their minutes) is no longer the entry of
    /// their chain under that number: a chain rebuilt after its forum closed, every hash computed
    /// again, verifies on its own, but not against the heads kept beside it (docs/audit.md, 6).
    private func closingsOffTheirChains(chain: String?, on connection: PostgresConnection) async throws -> [String] {
        var problems: [String] = []
        let rows = try await connection.query("""
            SELECT c.forum_id, c.forum_version, c.chain_seq, c.chain_head, e.hash
              FROM fkp.forum_closings c
              LEFT JOIN audit.entries e ON e.chain = 'forum:' || c.forum_id AND e.seq = c.chain_seq
             WHERE (\(chain)::text IS NULL OR 'forum:' || c.forum_id = \(chain)) AND e.hash IS DISTINCT FROM c.chain_head
             ORDER BY c.forum_id, c.forum_version, e.id
            """, logger: database.logger)
        for try await (forum, version, seq, head, found) in rows.decode((Int64, Int32, Int64, String, String?).self) {
            problems.append("chain forum:\(forum), entry \(seq): the head recorded when version \(version) of the forum closed is \(head), "
                + (found.map { "the entry's hash is now \($0)" } ?? "the entry is gone")
                + ": the history up to that closing was changed since")
        }
        return problems
    }

    /// The entries one reading covers: one chain's, or those whose ids lie in a range (either end open).
    enum EntryRange: Sendable {
        case chain(String)
        case ids(from: Int64?, below: Int64?)
    }

    /// All entries, cut at the middle id.
    private func entryHalves(on connection: PostgresConnection) async throws -> [EntryRange] {
        let rows = try await connection.query("SELECT min(id), max(id) FROM audit.entries", logger: database.logger)
        for try await (first, last) in rows.decode((Int64?, Int64?).self) {
            guard let first, let last, first < last else { break }
            let middle = first + (last - first + 1) / 2
            return [.ids(from: nil, below: middle), .ids(from: middle, below: nil)]
        }
        return [.ids(from: nil, below: nil)]
    }

    /// The entries `range` covers, read in id order on a connection of its own, within `snapshot`.
    /// A reading that does not start at the first entry takes each chain's first entry it sees as
    /// given; `AuditChainVerifier.readOn` checks that it follows on from the reading before.
    private func verify(_ range: EntryRange, snapshot: DatabaseSnapshot) async throws -> (AuditChainVerifier, Int64) {
        try await database.read { [database] connection in
            var verifier = AuditChainVerifier(chainsMayStartAnywhere: true)
            var count: Int64 = 0
            var scratch = AuditExportLine.DigestScratch()
            try await RecordCursor.read(Self.entryRecords(range), width: AuditExportLine.columns.count, snapshot: snapshot,
                                        on: connection, logger: database.logger) { batch in
                try batch.forEach { columns in
                    guard let digest = AuditExportLine.digest(columns: columns, scratch: &scratch) else {
                        throw UnreadableEntry(chain: columns[0].map { String(decoding: $0, as: UTF8.self) })
                    }
                    verifier.check(digest)
                    count += 1
                }
            }
            return (verifier, count)
        }
    }

    public func entries(chain: String) async throws -> [AuditEntry] {
        try await database.read { connection in
            var result: [AuditEntry] = []
            for try await row in try await connection.query(Self.selectEntries(chain: chain), logger: database.logger) {
                result.append(try Self.decode(row))
            }
            return result
        }
    }

    /// One recorded change of one row: who, when, why, under which decision, and the fields that
    /// changed with their old and new values (nil: no value).
    public struct RowChange: Sendable, Equatable {
        public var entryID: Int64
        public var occurredAt: Date
        public var actor: String
        public var role: String
        public var reason: String?
        public var decisionRef: String?
        public var fields: [(name: String, old: String?, new: String?)]

        public static func == (lhs: RowChange, rhs: RowChange) -> Bool {
            lhs.entryID == rhs.entryID && lhs.fields.map(\.name) == rhs.fields.map(\.name)
                && lhs.fields.map(\.old) == rhs.fields.map(\.old) && lhs.fields.map(\.new) == rhs.fields.map(\.new)
        }
    }

    /// The history of one row of `table` (its audit row key), limited to `fields`, oldest first.
    public func rowHistory(table: String, rowKey: String, fields: [String], until: Date? = nil) async throws -> [RowChange] {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT e.id, e.occurred_at, e.actor, e.actor_role, e.reason, e.decision_ref, k.key,
                       e.old_row ->> k.key, e.new_row ->> k.key
                  FROM audit.entries e CROSS JOIN unnest(\(fields)::text[]) WITH ORDINALITY AS k(key, ord)
                 WHERE e.table_name = \(table) AND e.row_key = \(rowKey) AND (\(until)::timestamptz IS NULL OR e.occurred_at <= \(until))
                   AND (e.old_row ->> k.key) IS DISTINCT FROM (e.new_row ->> k.key)
                 ORDER BY e.id, k.ord
                """, logger: database.logger)
            var changes: [RowChange] = []
            for try await (id, at, actor, role, reason, decision, field, old, new)
                in rows.decode((Int64, Date, String, String, String?, String?, String, String?, String?).self) {
                if changes.last?.entryID != id {
                    changes.append(RowChange(entryID: id, occurredAt: at, actor: actor, role: role, reason: reason,
                                             decisionRef: decision, fields: []))
                }
                changes[changes.count - 1].fields.append((field, old, new))
            }
            return changes
        }
    }

    public func chainHeads(chain: String? = nil) async throws -> [String: (seq: Int64, hash: String)] {
        try await database.read { connection in try await chainHeads(chain: chain, on: connection) }
    }

    private func chainHeads(chain: String?, on connection: PostgresConnection) async throws -> [String: (seq: Int64, hash: String)] {
        var heads: [String: (seq: Int64, hash: String)] = [:]
        let rows = try await connection.query("""
            SELECT chain, seq, hash FROM audit.chain_heads WHERE \(chain)::text IS NULL OR chain = \(chain)
            """, logger: database.logger)
        for try await (name, seq, hash) in rows.decode((String, Int64, String).self) { heads[name] = (seq, hash) }
        return heads
    }

    /// Each entry as one record of the export's columns as text (`AuditExportLine.columns`; the time as
    /// binary, see RecordBatch), in the order the entries were written: by id, which within a chain
    /// is its order (an entry's id is drawn while its chain's head is locked, after its predecessor
    /// committed). The primary key gives that order as the table lies on disk, where chain order
    /// would visit the table's pages at random: at a national season's size, reading it from disk
    /// page by page instead of a page per entry. A second entry forged under a number comes where
    /// it was stored, so that a forgery is always named the same way.
    static func entryRecords(_ range: EntryRange) -> PostgresQuery {
        let record = """
            ROW(chain, seq::text, prev_hash, hash, occurred_at, actor, actor_role, forum_id::text,
                region_code, action, reason, decision_ref, table_name, operation, row_key, old_row, new_row)
            """
        switch range {
        case .chain(let chain):
            // Found by the chain's index, then put in id order: ordered by id at once, PostgreSQL
            // would walk the whole primary key for them.
            return """
                WITH e AS MATERIALIZED (SELECT * FROM audit.entries WHERE chain = \(chain))
                SELECT \(unescaped: record) FROM e ORDER BY id
                """
        case .ids(let from, let below):
            // Up to `entriesPerRow` consecutive ids per row, as one array of records (RecordBatch
            // reads both forms): the driver's cost is per row, and a million rows of one entry each
            // cost fkp a fifth of its time in verifying. The ids come from the primary key in order.
            return """
                SELECT ARRAY(SELECT \(unescaped: record) FROM audit.entries
                              WHERE id >= g AND id < g + \(entriesPerRow) AND (\(below)::bigint IS NULL OR id < \(below)) ORDER BY id)
                  FROM generate_series(coalesce(\(from)::bigint, (SELECT min(id) FROM audit.entries)),
                                       coalesce(\(below)::bigint - 1, (SELECT max(id) FROM audit.entries)), \(entriesPerRow)::bigint) AS g
                """
        }
    }

    /// Entries per row of a verification's reading: 16 and 32 did alike; with 128, building the
    /// arrays cost PostgreSQL more than the driver saved.
    static let entriesPerRow = 32

    /// An entry stored without a field the chain rule requires: only a hand edit of the table does that.
    public struct UnreadableEntry: Error, CustomStringConvertible {
        public let chain: String?
        public var description: String { "an audit entry of chain \(chain ?? "(none)") lacks a field the chain rule requires" }
    }

    /// The columns `decode` reads, in its order.
    static let decodedColumns = """
        id, chain, seq, prev_hash, hash, audit.timestamp_text(occurred_at), actor, actor_role, forum_id,
        region_code, action, reason, decision_ref, table_name, operation, row_key, old_row::text, new_row::text
        """

    static func selectEntries(chain: String?) -> PostgresQuery {
        """
        SELECT \(unescaped: decodedColumns)
          FROM audit.entries WHERE \(chain)::text IS NULL OR chain = \(chain)
         ORDER BY chain, seq, id
        """
    }

    static func decode(_ row: PostgresRow) throws -> AuditEntry {
        let c = row.makeRandomAccess()
        return AuditEntry(
            id: try c[0].decode(Int64.self), chain: try c[1].decode(String.self), seq: try c[2].decode(Int64.self),
            prevHash: try c[3].decode(String.self), hash: try c[4].decode(String.self),
            occurredAt: try c[5].decode(String.self), actor: try c[6].decode(String.self),
            actorRole: try c[7].decode(String.self), forumID: try c[8].decode(Int64?.self),
            regionCode: try c[9].decode(String?.self), action: try c[10].decode(String.self),
            reason: try c[11].decode(String?.self), decisionRef: try c[12].decode(String?.self),
            tableName: try c[13].decode(String.self), operation: try c[14].decode(String.self),
            rowKey: try c[15].decode(String?.self), oldRow: try c[16].decode(String?.self),
            newRow: try c[17].decode(String?.self))
    }
}
