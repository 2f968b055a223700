import FKPCore
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
    public func verify(chain: String? = nil) async throws -> Verification {
        var verifier = AuditChainVerifier()
        var count: Int64 = 0
        try await database.read { connection in
            let rows = try await connection.query(Self.selectEntries(chain: chain), logger: database.logger)
            for try await row in rows {
                verifier.check(try Self.decode(row))
                count += 1
            }
        }
        var problems = verifier.problems.map(\.description)
        let heads = try await chainHeads(chain: chain)
        for (name, head) in heads.sorted(by: { $0.key < $1.key }) where verifier.chains[name]?.problem == nil {
            let seen = verifier.chains[name]
            if (seen?.lastSeq ?? 0) < head.seq {
                problems.append("chain \(name): entries \((seen?.lastSeq ?? 0) + 1)...\(head.seq) are missing")
            } else if let seen, seen.headHash != head.hash {
                problems.append("chain \(name): the last entry does not match the recorded chain head")
            }
        }
        return Verification(entries: count, chains: verifier.chains.count, problems: problems)
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

    public func chainHeads(chain: String? = nil) async throws -> [String: (seq: Int64, hash: String)] {
        try await database.read { connection in
            var heads: [String: (seq: Int64, hash: String)] = [:]
            let rows = try await connection.query("""
                SELECT chain, seq, hash FROM audit.chain_heads WHERE \(chain)::text IS NULL OR chain = \(chain)
                """, logger: database.logger)
            for try await (name, seq, hash) in rows.decode((String, Int64, String).self) { heads[name] = (seq, hash) }
            return heads
        }
    }

    static func selectEntries(chain: String?) -> PostgresQuery {
        """
        SELECT id, chain, seq, prev_hash, hash, audit.timestamp_text(occurred_at), actor, actor_role, forum_id,
               region_code, action, reason, decision_ref, table_name, operation, row_key, old_row::text, new_row::text
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
