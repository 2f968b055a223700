import FKPCore
import Foundation
import PostgresNIO

/// Reading the audit trail for people: entries matching a filter, newest first, a page at a time
/// with stable links (each page starts below an entry id), limited to the reader's places.
public struct AuditBrowser: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

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

    /// The most entries a place's forums may hold for them to be gathered whole: a village's forums
    /// hold a few thousand each. (Its entries outside forums are few.)
    static let placeReadWhole: Int64 = 50_000

    /// Up to `limit` entries below entry `before` (newest first); `within` limits them to the
    /// reader's places. An entry of a forum's chain lies where the forum is held; any other entry
    /// where its write was declared for.
    ///
    /// At national scale the trail holds hundreds of millions of entries, and PostgreSQL, asked for
    /// the newest few that pass a filter, reads it backwards from the newest until they come,
    /// assuming them spread evenly; a forum's are all written within days. So a filter that few
    /// entries pass is one an index serves in id order: a forum's entries by (forum_id, id), the
    /// forum of chain `forum:<id>` (the capture sets both from the row's forum); a person's and a
    /// whole action's by indexes of their own (migration 0029). A place (the one filtered on, else
    /// the reader's only one) whose forums hold at most `placeReadWhole` entries, a village's, has
    /// its entries gathered through the forum index and the index of entries outside forums by
    /// place, then sorted; a larger place's entries are many among the newest, and read backwards.
    /// The forums of the reader's places are gathered once, not looked up for every entry passed.
    public func entries(_ f: Filter, within roots: [RegionCode]?, before: Int64?, limit: Int) async throws -> [AuditEntry] {
        let places = roots?.map(\.value) ?? []
        let place = f.region ?? (roots?.count == 1 ? roots?.first : nil)
        let (region, regionEnd) = (place?.value, place.map { $0.value + ":" })
        return try await database.read { connection in
            var placeForums: [Int64] = []
            var placeForumEntries: Int64 = 0
            if let region, let regionEnd {
                for try await (id, entries) in try await connection.query("""
                    SELECT f.id, coalesce(h.seq, 0) FROM fkp.forums f LEFT JOIN audit.chain_heads h ON h.chain = 'forum:' || f.id
                     WHERE f.region_code ~>=~ \(region) AND f.region_code ~<~ \(regionEnd)
                    """, logger: database.logger).decode((Int64, Int64).self) {
                    placeForums.append(id)
                    placeForumEntries += entries
                }
            }
            // `e.id + 0` is the same order as `e.id`, but not the primary key's: the entries are then
            // gathered and sorted, not read backwards. A code constant, never input.
            let order = place != nil && placeForumEntries <= Self.placeReadWhole ? "e.id + 0" : "e.id"
            var found: [AuditEntry] = []
            let rows = try await connection.query("""
                SELECT id, chain, seq, prev_hash, hash, audit.timestamp_text(occurred_at), actor, actor_role, forum_id,
                       region_code, action, reason, decision_ref, table_name, operation, row_key, old_row::text, new_row::text
                  FROM audit.entries e
                 WHERE (\(before)::bigint IS NULL OR e.id < \(before))
                   AND (\(f.forumID)::bigint IS NULL OR e.forum_id = \(f.forumID))
                   AND (\(region)::text IS NULL
                        OR (e.forum_id IS NULL AND e.region_code ~>=~ \(region) AND e.region_code ~<~ \(regionEnd))
                        OR e.forum_id = ANY(\(placeForums)::bigint[]))
                   AND (\(f.familyID)::text IS NULL OR e.new_row ->> 'family_id' = \(f.familyID) OR e.old_row ->> 'family_id' = \(f.familyID)
                        OR (e.table_name = 'fkp.families' AND e.row_key = \(f.familyID)))
                   AND (\(f.actor)::text IS NULL OR e.actor = \(f.actor))
                   AND (\(f.action?.exact)::text IS NULL OR e.action = \(f.action?.exact))
                   AND (\(f.action?.pattern)::text IS NULL OR e.action LIKE \(f.action?.pattern))
                   AND (\(f.from)::timestamptz IS NULL OR e.occurred_at >= \(f.from))
                   AND (\(f.to)::timestamptz IS NULL OR e.occurred_at < \(f.to))
                   AND (\(roots == nil)
                        OR (e.forum_id IS NULL
                            AND EXISTS (SELECT 1 FROM unnest(\(places)::text[]) AS p(code)
                                         WHERE e.region_code ~>=~ p.code AND e.region_code ~<~ (p.code || ':')))
                        OR e.forum_id IN (SELECT f.id FROM unnest(\(places)::text[]) AS p(code)
                                            JOIN fkp.forums f ON f.region_code ~>=~ p.code AND f.region_code ~<~ (p.code || ':')))
                 ORDER BY \(unescaped: order) DESC
                 LIMIT \(limit)
                """, logger: database.logger)
            for try await row in rows { found.append(try AuditRepository.decode(row)) }
            return found
        }
    }
}
