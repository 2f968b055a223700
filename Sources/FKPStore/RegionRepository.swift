import FKPCore
import PostgresNIO

/// Places and the family counts under them.
public struct RegionRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct RegionCounts: Sendable, Equatable {
        public var region: Region
        public var counts: GroupCounts
    }

    public func region(_ code: RegionCode) async throws -> Region? {
        try await database.read { connection in
            let rows = try await connection.query(
                "SELECT code, name, non_sls FROM fkp.regions WHERE code = \(code.value)", logger: database.logger)
            for try await (code, name, nonSLS) in rows.decode((String, String, Bool).self) {
                return Region(code: try RegionCode(code), name: name, isNonSLS: nonSLS)
            }
            return nil
        }
    }

    /// The places of `level` under `ancestor`, by code.
    public func descendants(of ancestor: RegionCode, level: RegionLevel) async throws -> [Region] {
        try await database.read { connection in
            var found: [Region] = []
            let rows = try await connection.query("""
                SELECT code, name, non_sls FROM fkp.regions
                 WHERE code ~>=~ \(ancestor.value) AND code ~<~ \(ancestor.value + ":") AND level = \(level.rawValue) ORDER BY code
                """, logger: database.logger)
            for try await (code, name, nonSLS) in rows.decode((String, String, Bool).self) {
                found.append(Region(code: try RegionCode(code), name: name, isNonSLS: nonSLS))
            }
            return found
        }
    }

    /// The children of a region (the provinces when `parent` is nil), each with its families per group.
    /// Families are matched by code prefix, so one scan of the parent's families serves every child;
    /// a province's regencies and the country's provinces are summed from the regencies' kept counts.
    public func children(of parent: RegionCode?) async throws -> [RegionCounts] {
        let childLength = parent?.level.child?.codeLength ?? RegionLevel.province.codeLength
        let prefix = parent?.value ?? ""
        let summed = childLength <= RegionLevel.regency.codeLength
        let kept = summed ? try await regencyCounts(under: prefix) : [:]
        return try await database.read { connection in
            let rows = try await connection.query("""
                WITH counts AS (  -- below a regency only: above it, the counts were summed from those kept
                    SELECT left(sls_code, \(childLength)::int) AS code, welfare_group, count(*) AS n
                      FROM fkp.families
                     WHERE NOT \(summed) AND sls_code LIKE \(prefix + "%")
                     GROUP BY 1, 2)
                SELECT r.code, r.name, r.non_sls, c.welfare_group, coalesce(c.n, 0)
                  FROM fkp.regions r LEFT JOIN counts c ON c.code = r.code
                 WHERE r.code LIKE \(prefix + "%") AND length(r.code) = \(childLength)
                 ORDER BY r.code, c.welfare_group
                """, logger: database.logger)
            var result: [RegionCounts] = []
            for try await (code, name, nonSLS, group, n) in rows.decode((String, String, Bool, Int16?, Int64).self) {
                if result.last?.region.code.value != code {
                    let region = Region(code: try RegionCode(code), name: name, isNonSLS: nonSLS)
                    result.append(RegionCounts(region: region, counts: summed ? Self.sum(kept, under: code) : GroupCounts()))
                }
                if let group, let welfare = WelfareGroup(rawValue: Int(group)) {
                    result[result.count - 1].counts.byGroup[welfare] = Int(n)
                }
            }
            return result
        }
    }

    /// The given places themselves (a person's own scope), each with its families per group.
    public func counts(of codes: [RegionCode]) async throws -> [RegionCounts] {
        var result: [RegionCounts] = []
        for code in codes.sorted() {
            guard let region = try await region(code) else { continue }
            if code.value.count <= RegionLevel.regency.codeLength {
                result.append(RegionCounts(region: region, counts: Self.sum(try await regencyCounts(under: code.value), under: code.value)))
                continue
            }
            let counts = try await database.read { connection in
                let rows = try await connection.query(
                    "SELECT welfare_group, count(*) FROM fkp.families WHERE sls_code LIKE \(code.value + "%") GROUP BY 1",
                    logger: database.logger)
                var counts = GroupCounts()
                for try await (group, n) in rows.decode((Int16, Int64).self) {
                    if let welfare = WelfareGroup(rawValue: Int(group)) { counts.byGroup[welfare] = Int(n) }
                }
                return counts
            }
            result.append(RegionCounts(region: region, counts: counts))
        }
        return result
    }

    /// The families per group of the regencies whose codes start with `prefix` ("" for all), from
    /// the counts kept in `runtime.regency_family_counts` (migration 0030). Those not kept are
    /// counted; a count is kept only if it was made holding the regency's import lock, taken before
    /// the count began, so that no writer was between its reading and its keeping. A regency whose
    /// writer holds the lock is counted as its last committed state shows it, and not kept.
    func regencyCounts(under prefix: String) async throws -> [String: GroupCounts] {
        try await database.read { connection in
            try await connection.transaction(logger: database.logger) { connection in
                var counts: [String: GroupCounts] = [:]
                var missing: [String] = []
                for try await (regency, byGroup) in try await connection.query("""
                    SELECT r.code, k.by_group FROM fkp.regions r LEFT JOIN runtime.regency_family_counts k ON k.regency = r.code
                     WHERE r.level = 'regency' AND r.code LIKE \(prefix + "%")
                    """, logger: database.logger).decode((String, [Int64]?).self) {
                    if let byGroup { counts[regency] = Self.groupCounts(byGroup) } else { missing.append(regency) }
                }
                guard !missing.isEmpty else { return counts }
                // The locks in one statement, the count in the next: its snapshot is taken once they are held.
                var locked: [String] = []
                for try await regency in try await connection.query("""
                    SELECT r FROM unnest(\(missing)::text[]) AS r WHERE fkp.try_lock_regency_families(r) ORDER BY r
                    """, logger: database.logger).decode(String.self) { locked.append(regency) }
                for try await (regency, byGroup) in try await connection.query("""
                    WITH counted AS (
                        SELECT r.code, ARRAY[count(*) FILTER (WHERE f.welfare_group = 1), count(*) FILTER (WHERE f.welfare_group = 2),
                                             count(*) FILTER (WHERE f.welfare_group = 3), count(*) FILTER (WHERE f.welfare_group = 4)] AS by_group
                          FROM unnest(\(missing)::text[]) AS r(code)
                          LEFT JOIN fkp.families f ON f.sls_code ~>=~ r.code AND f.sls_code ~<~ (r.code || ':')
                         GROUP BY r.code),
                    kept AS (
                        INSERT INTO runtime.regency_family_counts (regency, by_group)
                        SELECT code, by_group FROM counted WHERE code = ANY(\(locked)::text[])
                        ON CONFLICT (regency) DO UPDATE SET by_group = EXCLUDED.by_group)
                    SELECT code, by_group FROM counted
                    """, logger: database.logger).decode((String, [Int64]).self) {
                    counts[regency] = Self.groupCounts(byGroup)
                }
                return counts
            }
        }
    }

    static func groupCounts(_ byGroup: [Int64]) -> GroupCounts {
        GroupCounts(byGroup: Dictionary(uniqueKeysWithValues: zip(WelfareGroup.allCases, byGroup.map(Int.init)).filter { $0.1 > 0 }))
    }

    /// The counts of the regencies within the place `code`.
    static func sum(_ counts: [String: GroupCounts], under code: String) -> GroupCounts {
        counts.filter { $0.key.hasPrefix(code) }.values.reduce(GroupCounts(), +)
    }
}
