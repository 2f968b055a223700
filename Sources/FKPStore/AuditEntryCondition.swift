import PostgresNIO

/// What an entry of `audit.entries e` must be to be listed on the audit pages: the filter's
/// conditions, below the page's start, in the place filtered on and in the reader's places. Each
/// of the audit pages' queries (`AuditBrowser`) splices in the same `sql`, so that however an entry
/// is found it is held to the same rule.
struct AuditEntryCondition: Sendable {
    var filter: AuditBrowser.Filter
    /// Entries below this id: the page starts there.
    var before: Int64?
    /// The place filtered on (or the reader's only one) and the forums held in it.
    var place: Place?
    /// The reader's places; nil: everywhere.
    var roots: [String]?

    struct Place: Sendable {
        var code: String
        var forums: [Int64]
    }

    /// A forum's entries lie where it is held, any other where its write was declared for.
    var sql: SQLFragment {
        let f = filter
        let (region, regionEnd, forums) = (place?.code, place.map { $0.code + ":" }, place?.forums ?? [])
        return """
            (\(before)::bigint IS NULL OR e.id < \(before))
            AND (\(f.forumID)::bigint IS NULL OR e.forum_id = \(f.forumID))
            AND (\(region)::text IS NULL
                 OR (e.forum_id IS NULL AND e.region_code ~>=~ \(region) AND e.region_code ~<~ \(regionEnd))
                 OR e.forum_id = ANY(\(forums)::bigint[]))
            AND (\(f.familyID)::text IS NULL OR e.new_row ->> 'family_id' = \(f.familyID) OR e.old_row ->> 'family_id' = \(f.familyID)
                 OR (e.table_name = 'fkp.families' AND e.row_key = \(f.familyID)))
            AND (\(f.actor)::text IS NULL OR e.actor = \(f.actor))
            AND (\(f.action?.exact)::text IS NULL OR e.action = \(f.action?.exact))
            AND (\(f.action?.pattern)::text IS NULL OR e.action LIKE \(f.action?.pattern))
            AND (\(f.from)::timestamptz IS NULL OR e.occurred_at >= \(f.from))
            AND (\(f.to)::timestamptz IS NULL OR e.occurred_at < \(f.to))
            AND (\(roots == nil)
                 OR (e.forum_id IS NULL
                     AND EXISTS (SELECT 1 FROM unnest(\(roots ?? [])::text[]) AS p(code)
                                  WHERE e.region_code ~>=~ p.code AND e.region_code ~<~ (p.code || ':')))
                 OR e.forum_id IN (SELECT f.id FROM unnest(\(roots ?? [])::text[]) AS p(code)
                                     JOIN fkp.forums f ON f.region_code ~>=~ p.code AND f.region_code ~<~ (p.code || ':')))
            """
    }
}
