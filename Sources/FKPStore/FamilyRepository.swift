import FKPCore
import PostgresNIO

/// Families as listed for reading: one unit's preliminary list in ranking order.
public struct FamilyRepository: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Listed: Sendable, Equatable {
        public var id: String
        public var rank: Int
        public var headName: String
        public var address: String
        public var members: Int
        public var group: WelfareGroup
        public var kkNumber: String
        public var headNIK: String
    }

    public func list(unit: RegionCode) async throws -> [Listed] {
        try await database.read { connection in
            let rows = try await connection.query("""
                SELECT id, sls_rank, head_name, address, members, welfare_group, kk_number, head_nik
                  FROM fkp.families_in_order WHERE sls_code = \(unit.value) ORDER BY sls_rank
                """, logger: database.logger)
            var found: [Listed] = []
            for try await (id, rank, name, address, members, group, kk, nik)
                in rows.decode((String, Int32, String, String, Int32, Int16, String, String).self) {
                found.append(Listed(id: id, rank: Int(rank), headName: name, address: address, members: Int(members),
                                    group: WelfareGroup(rawValue: Int(group)) ?? .notPoor, kkNumber: kk, headNIK: nik))
            }
            return found
        }
    }
}
