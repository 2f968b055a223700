import PostgresNIO

extension AuditBrowser {
    /// Where a page's entries may lie: the place filtered on, within the reader's places.
    enum Reach: Equatable {
        case everywhere
        case place(String)
        /// Several places: the reader's, or those of the reader's that lie in the place filtered on.
        case places([String])

        /// Nil when the place filtered on lies outside every place of the reader.
        init?(region: String?, roots: [String]?) {
            switch (region, roots.map(Self.outermost)) {
            case (nil, nil): self = .everywhere
            case (let region?, nil): self = .place(region)
            case (nil, let roots?):
                guard let first = roots.first else { return nil }
                self = roots.count == 1 ? .place(first) : .places(roots)
            case (let region?, let roots?):
                if roots.contains(where: { region.hasPrefix($0) }) { self = .place(region); return }
                // The reader's places within the one filtered on are what is left of it.
                let inside = roots.filter { $0.hasPrefix(region) }
                guard !inside.isEmpty else { return nil }
                self = inside.count == 1 ? .place(inside[0]) : .places(inside)
            }
        }

        /// Whether a place of code `code` lies within reach.
        func holds(_ code: String) -> Bool {
            switch self {
            case .everywhere: true
            case .place(let place): code.hasPrefix(place)
            case .places(let places): places.contains(where: code.hasPrefix)
            }
        }

        /// The places of `codes` that none of the others holds, once each: a reader of a regency
        /// and of one of its villages reads the regency.
        static func outermost(_ codes: [String]) -> [String] {
            var kept: [String] = []
            // A code sorts before every code it holds.
            for code in Set(codes).sorted() where !kept.contains(where: { code.hasPrefix($0) }) { kept.append(code) }
            return kept
        }

        var places: [String] {
            switch self {
            case .everywhere: []
            case .place(let code): [code]
            case .places(let codes): codes
            }
        }
    }

    /// The ids of the newest `limit` entries meeting `condition` in `places`, read chain by chain:
    /// each forum's chain through the forum index, each regency's chain (the writes outside forums)
    /// through its sequence numbers. The forums are taken newest chain first, a growing number at a
    /// time, until the next one's newest entry is older than the page's last: a page of a regency
    /// quiet for weeks reads a page's worth of its own entries from each of its latest forums, never
    /// the entries written elsewhere since. A filter few of a place's entries meet passes at most all
    /// of the place's, never those of other places.
    func newestAcrossChains(_ condition: AuditEntryCondition, of places: [String], limit: Int,
                            on connection: PostgresConnection) async throws -> [Int64] {
        guard limit > 0 else { return [] }
        var found: [Int64] = []
        func take(_ ids: [Int64]) {
            found = Array((found + ids).sorted(by: >).prefix(limit))
        }
        // Outside forums: the chains of the regencies in the places, and for a province the
        // national chain, which holds what was declared for a province (audit.chain_for).
        let chains = try await regencyChains(of: places, on: connection) + (places.contains { $0.count < 4 } ? ["national"] : [])
        take(try await ids("""
            SELECT e.id FROM unnest(\(chains)::text[]) AS c(chain) CROSS JOIN LATERAL (
                SELECT e.id FROM audit.entries e WHERE e.chain = c.chain AND \(condition.sql) ORDER BY e.seq DESC LIMIT \(limit)) AS e
            """, on: connection))
        // The forums' newest entries below the page's start, newest first: an upper bound on any
        // entry of theirs that meets the condition.
        var forums: [(id: Int64, newest: Int64)] = []
        for try await (id, newest) in try await connection.query("""
            SELECT f.id, (SELECT e.id FROM audit.entries e WHERE e.forum_id = f.id
                            AND (\(condition.before)::bigint IS NULL OR e.id < \(condition.before)) ORDER BY e.id DESC LIMIT 1) AS newest
              FROM (SELECT DISTINCT f.id FROM unnest(\(places)::text[]) AS p(code)
                      JOIN fkp.forums f ON f.region_code ~>=~ p.code AND f.region_code ~<~ (p.code || ':')) AS f
            """, logger: database.logger).decode((Int64, Int64?).self) {
            if let newest { forums.append((id, newest)) }
        }
        forums.sort { $0.newest > $1.newest }
        var next = 0, width = limit
        while next < forums.count {
            if found.count == limit, let last = found.last, last > forums[next].newest { break }
            let round = forums[next..<min(next + width, forums.count)].map(\.id)
            take(try await ids("""
                SELECT e.id FROM unnest(\(round)::bigint[]) AS s(forum) CROSS JOIN LATERAL (
                    SELECT e.id FROM audit.entries e WHERE e.forum_id = s.forum AND \(condition.sql) ORDER BY e.id DESC LIMIT \(limit)) AS e
                 ORDER BY e.id DESC LIMIT \(limit)
                """, on: connection))
            next += round.count
            width *= 4
        }
        return found
    }

    /// The chains of the regencies that `places` lie in or hold.
    private func regencyChains(of places: [String], on connection: PostgresConnection) async throws -> [String] {
        var chains: [String] = []
        for try await chain in try await connection.query("""
            SELECT DISTINCT h.chain FROM unnest(\(places)::text[]) AS p(code)
              JOIN audit.chain_heads h ON h.chain ~>=~ ('regency:' || left(p.code, 4)) AND h.chain ~<~ ('regency:' || left(p.code, 4) || ':')
            """, logger: database.logger).decode(String.self) { chains.append(chain) }
        return chains
    }

    private func ids(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [Int64] {
        var ids: [Int64] = []
        for try await id in try await connection.query(query, logger: database.logger).decode(Int64.self) { ids.append(id) }
        return ids
    }
}
