import FKPCore
import PostgresNIO

/// Writes the current regions or families of a region in exactly the import format, sorted (by
/// code; by unit, then order within the unit), so import → export → import changes nothing and
/// exports of the same data are byte-identical. Rows stream from the database: memory stays flat.
public struct ListExporter: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// The region, its ancestors (so the file loads into an empty database) and everything below it.
    public func regions(under region: RegionCode, write: (String) async throws -> Void) async throws {
        try await write(CSVWriter.line(RegionCSV.columns))
        try await database.readStreaming { connection in
            let rows = try await connection.query("""
                SELECT code, name, non_sls FROM fkp.regions
                 WHERE code LIKE \(region.value + "%") OR \(region.value) LIKE code || '%'
                 ORDER BY code
                """, logger: database.logger)
            for try await (code, name, nonSLS) in rows.decode((String, String, Bool).self) {
                try await write(RegionCSV.line(Region(code: try RegionCode(code), name: name, isNonSLS: nonSLS)))
            }
        }
    }

    /// Every family in the region; personal numbers masked unless `wholeNumbers`.
    @discardableResult
    public func families(under region: RegionCode, wholeNumbers: Bool, write: (String) async throws -> Void) async throws -> Int {
        try await write(CSVWriter.line(FamilyCSV.columns))
        return try await database.readStreaming { connection in
            let rows = try await connection.query("""
                SELECT id, sls_code, head_name, address, members, welfare_group, welfare_score::text, kk_number, head_nik,
                       latitude::text, longitude::text
                  FROM fkp.families f WHERE f.sls_code LIKE \(region.value + "%")
                 ORDER BY f.sls_code COLLATE "C", f.welfare_score, f.id COLLATE "C"
                """, logger: database.logger)
            var count = 0
            for try await (id, sls, name, address, members, group, score, kk, nik, latitude, longitude)
                in rows.decode((String, String, String, String, Int32, Int16, String, String, String, String?, String?).self) {
                let family = PreliminaryFamily(
                    id: id, slsCode: try RegionCode(sls), headName: name, address: address, members: Int(members),
                    welfareGroup: WelfareGroup(rawValue: Int(group)) ?? .notPoor, welfareScore: score,
                    kkNumber: wholeNumbers ? kk : PersonalNumber.masked(kk), headNIK: wholeNumbers ? nik : PersonalNumber.masked(nik),
                    latitude: latitude, longitude: longitude)
                try await write(FamilyCSV.line(family))
                count += 1
            }
            return count
        }
    }
}
