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
    /// Families are matched by code prefix, so one scan of the parent's families serves every child.
    public func children(of parent: RegionCode?) async throws -> [RegionCounts] {
        let childLength = parent?.level.child?.codeLength ?? RegionLevel.province.codeLength
        let prefix = parent?.value ?? ""
        return try await database.read { connection in
            let rows = try await connection.query("""
                WITH counts AS (
                    SELECT left(sls_code, \(childLength)::int) AS code, welfare_group, count(*) AS n
                      FROM fkp.families
                     WHERE sls_code LIKE \(prefix + "%")
                     GROUP BY 1, 2)
                SELECT r.code, r.name, r.non_sls, c.welfare_group, coalesce(c.n, 0)
                  FROM fkp.regions r LEFT JOIN counts c ON c.code = r.code
                 WHERE r.code LIKE \(prefix + "%") AND length(r.code) = \(childLength)
                 ORDER BY r.code, c.welfare_group
                """, logger: database.logger)
            var result: [RegionCounts] = []
            for try await (code, name, nonSLS, group, n) in rows.decode((String, String, Bool, Int16?, Int64).self) {
                if result.last?.region.code.value != code {
                    result.append(RegionCounts(region: Region(code: try RegionCode(code), name: name, isNonSLS: nonSLS),
                                               counts: GroupCounts()))
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
}
