import FKPCore
import PostgresNIO

/// What /metrics reads from the database at each scrape: forums by state, and the entries in the
/// audit trail (the sum of every chain's length, so exact and cheap: one row per chain).
public struct OperationalCountsRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Counts: Sendable, Equatable {
        public var forumsByState: [ForumState: Int] = [:]
        public var auditEntries = 0
    }

    public func counts() async throws -> Counts {
        try await database.read { connection in
            var counts = Counts()
            for try await (state, count) in try await connection.query(
                "SELECT state, count(*) FROM fkp.forums GROUP BY state", logger: database.logger).decode((String, Int64).self) {
                if let state = ForumState(rawValue: state) { counts.forumsByState[state] = Int(count) }
            }
            for try await entries in try await connection.query(
                "SELECT coalesce(sum(seq), 0)::bigint FROM audit.chain_heads", logger: database.logger).decode(Int64.self) {
                counts.auditEntries = Int(entries)
            }
            return counts
        }
    }
}
