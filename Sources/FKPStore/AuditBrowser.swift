import FKPCore
import Foundation
import PostgresNIO

/// Reading the audit trail for people: entries matching a filter, newest first, a page at a time
/// with stable links (each page starts below an entry id), limited to the reader's places.
public struct AuditBrowser: Sendable {
    let database: Database
    /// The most entries a place's forums may hold for them to be gathered whole: a village's forums
    /// hold a few thousand each. (Its entries outside forums are few.) Also the most entries of one
    /// action that are read backwards through the action's index, whatever the place.
    let readWhole: Int64

    public init(database: Database) { self.init(database: database, readWhole: 50_000) }

    /// `readWhole` other than the default: for tests, which read every way on a few entries.
    init(database: Database, readWhole: Int64) {
        self.database = database
        self.readWhole = readWhole
    }

    public struct Filter: Sendable, Equatable {
        public var forumID: Int64?
        public var region: RegionCode?
        public var familyID: String?
        public var actor: String?
        public var action: ActionMatch?
        public var from: Date?
        public var to: Date?

        public init(forumID: Int64? = nil, region: RegionCode? = nil, familyID: String? = nil, actor: String? = nil,
                    action: ActionMatch? = nil, from: Date? = nil, to: Date? = nil) {
            self.forumID = forumID
            self.region = region
            self.familyID = familyID
            self.actor = actor
            self.action = action
            self.from = from
            self.to = to
        }
    }

    /// Which actions an entry may carry: one named whole (found through its index), or every one
    /// that starts with some text ("review." for every review action).
    public enum ActionMatch: Sendable, Equatable {
        case exactly(String)
        case startingWith(String)

        var exact: String? { if case .exactly(let action) = self { action } else { nil } }

        /// The LIKE pattern, its own wildcards taken as the characters they are.
        var pattern: String? {
            guard case .startingWith(let start) = self else { return nil }
            return LikePattern.literal(start) + "%"
        }
    }

    /// Up to `limit` entries below entry `before` (newest first); `within` limits them to the
    /// reader's places. An entry of a forum's chain lies where the forum is held; any other entry
    /// where its write was declared for.
    ///
    /// At national scale the trail holds hundreds of millions of entries, and PostgreSQL, asked for
    /// the newest few that pass a filter, reads it backwards from the newest until they come,
    /// assuming them spread evenly; a forum's are all written within days, a regency's within
    /// weeks. So each question is read where few entries are passed:
    /// - a forum, a person or a family: through an index of its own (a forum's entries by
    ///   (forum_id, id), the forum of chain `forum:<id>`; a person's by (actor, id), migration 0029),
    ///   as is an action that few entries carry, by (action, id);
    /// - a place whose forums hold at most `readWhole` entries (a village): its entries gathered
    ///   through the forum index and the index of entries outside forums by place, then sorted;
    /// - a larger place, or the reader's several: the newest of each chain of the place, merged
    ///   (`newestAcrossChains`): a regency quiet for weeks while others work is read in its own
    ///   entries, not behind every entry written since;
    /// - everywhere: a time range that holds at most `readWhole` entries gathered through the time
    ///   index; otherwise backwards from the newest.
    public func entries(_ f: Filter, within roots: [RegionCode]?, before: Int64?, limit: Int) async throws -> [AuditEntry] {
        guard let reach = Reach(region: f.region?.value, roots: roots?.map(\.value)) else { return [] }
        return try await database.read { connection in
            try await connection.transaction(logger: database.logger) { connection in
                // The chains' newest and their entries are read in several queries: one snapshot for all.
                try await connection.query(DatabaseSnapshot.readOnlySnapshot, logger: database.logger)
                var condition = AuditEntryCondition(filter: f, before: before)
                var placeEntries: Int64 = 0
                switch reach {
                case .everywhere: break
                case .place(let code):
                    let (forums, entries) = try await forumsHeld(in: code, on: connection)
                    condition.place = .init(code: code, forums: forums)
                    placeEntries = entries
                case .places(let codes):
                    condition.roots = codes
                }
                let narrow = f.forumID != nil || f.actor != nil || f.familyID != nil
                var order: String
                switch reach {
                case .everywhere:
                    // A time range that holds few entries is gathered through the time index: read
                    // backwards, an old one would pass every entry written since.
                    order = "e.id"
                    if !narrow, f.from != nil || f.to != nil, try await fewEntries("""
                        (\(f.from)::timestamptz IS NULL OR e.occurred_at >= \(f.from)) AND (\(f.to)::timestamptz IS NULL OR e.occurred_at < \(f.to))
                        """, on: connection) { order = "e.id + 0" }
                case .place where placeEntries <= readWhole:
                    // `e.id + 0` is the same order as `e.id`, but not the primary key's: the entries
                    // are then gathered and sorted, not read backwards. A code constant, never input.
                    order = "e.id + 0"
                case .place, .places:
                    if narrow { order = "e.id"; break }
                    if let action = f.action?.exact, try await fewEntries("e.action = \(action)", on: connection) { order = "e.id"; break }
                    let ids = try await newestAcrossChains(condition, of: reach.places, limit: limit, on: connection)
                    return try await rows(ids, on: connection)
                }
                var found: [AuditEntry] = []
                let rows = try await connection.query("""
                    SELECT \(unescaped: AuditRepository.decodedColumns) FROM audit.entries e
                     WHERE \(condition.sql)
                     ORDER BY \(unescaped: order) DESC
                     LIMIT \(limit)
                    """, logger: database.logger)
                for try await row in rows { found.append(try AuditRepository.decode(row)) }
                return found
            }
        }
    }

    /// The entries `ids`, newest first.
    private func rows(_ ids: [Int64], on connection: PostgresConnection) async throws -> [AuditEntry] {
        guard !ids.isEmpty else { return [] }
        var found: [AuditEntry] = []
        let rows = try await connection.query("""
            SELECT \(unescaped: AuditRepository.decodedColumns) FROM audit.entries e WHERE e.id = ANY(\(ids)::bigint[]) ORDER BY e.id DESC
            """, logger: database.logger)
        for try await row in rows { found.append(try AuditRepository.decode(row)) }
        return found
    }

    /// The forums held in `place`, and how many entries their chains hold (from their heads).
    private func forumsHeld(in place: String, on connection: PostgresConnection) async throws -> ([Int64], Int64) {
        var forums: [Int64] = [], entries: Int64 = 0
        for try await (id, count) in try await connection.query("""
            SELECT f.id, coalesce(h.seq, 0) FROM fkp.forums f LEFT JOIN audit.chain_heads h ON h.chain = 'forum:' || f.id
             WHERE f.region_code ~>=~ \(place) AND f.region_code ~<~ \(place + ":")
            """, logger: database.logger).decode((Int64, Int64).self) {
            forums.append(id)
            entries += count
        }
        return (forums, entries)
    }

    /// Whether at most `readWhole` entries meet `condition` (on `audit.entries e`), counted through
    /// an index: an action's entries are then read backwards through its own, passing no more than
    /// those, whatever the place; a time range's are gathered.
    private func fewEntries(_ condition: SQLFragment, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query("""
            SELECT count(*) FROM (SELECT 1 FROM audit.entries e WHERE \(condition) LIMIT \(readWhole + 1)) AS meeting
            """, logger: database.logger)
        for try await count in rows.decode(Int64.self) { return count <= readWhole }
        return false
    }
}
