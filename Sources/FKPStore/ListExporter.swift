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

    /// Every family in the region, personal numbers whole for `reader` (nil: masked), each such
    /// export logged in its name (`how`: "export", "download"), one stopped before its end too:
    /// some of its rows may have gone out. The log's one wording, whichever way the list leaves.
    @discardableResult
    public func families(under region: RegionCode, wholeNumbersFor reader: String?, how: String, requestID: String?,
                         write: (String) async throws -> Void) async throws -> Int {
        guard let reader else { return try await families(under: region, wholeNumbers: false, write: write) }
        func logged(_ extent: String) async throws {
            try await SecurityLog(database: database).recordPersonalDataAccess(
                username: reader, what: "kk_number, head_nik: \(how) of families", subjects: ["region \(region.value) (\(extent))"],
                requestID: requestID)
        }
        let count: Int
        do {
            count = try await families(under: region, wholeNumbers: true, write: write)
        } catch {
            try? await logged("stopped before its end")
            throw error
        }
        try await logged("\(count) families")
        return count
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
