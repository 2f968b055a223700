import FKPCore
import PostgresNIO

/// Writes places and preliminary families row by row through the audited path. Small loads (the
/// demo, tests) use it; large files go through the import pipeline.
public struct PreliminaryListWriter: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func write(regions: [Region], families: [PreliminaryFamily], context: WriteContext) async throws {
        try await database.write(context) { connection in
            let logger = database.logger
            try await connection.query("""
                INSERT INTO fkp.regions (code, name, level, non_sls)
                SELECT * FROM unnest(\(regions.map(\.code.value))::text[], \(regions.map(\.name))::text[],
                                     \(regions.map(\.level.rawValue))::text[], \(regions.map(\.isNonSLS))::boolean[])
                ORDER BY 1
                """, logger: logger)
            for chunk in stride(from: 0, to: families.count, by: 5000).map({ families[$0..<min($0 + 5000, families.count)] }) {
                try await connection.query("""
                    INSERT INTO fkp.families (id, sls_code, head_name, address, members, welfare_group, welfare_score,
                                              kk_number, head_nik, latitude, longitude)
                    SELECT id, sls, name, address, members, grp, score::numeric, kk, nik,
                           nullif(lat, '')::numeric, nullif(lon, '')::numeric
                      FROM unnest(
                        \(chunk.map(\.id))::text[], \(chunk.map(\.slsCode.value))::text[], \(chunk.map(\.headName))::text[],
                        \(chunk.map(\.address))::text[], \(chunk.map(\.members))::int[],
                        \(chunk.map { Int16($0.welfareGroup.rawValue) })::smallint[], \(chunk.map(\.welfareScore))::text[],
                        \(chunk.map(\.kkNumber))::text[], \(chunk.map(\.headNIK))::text[],
                        \(chunk.map { $0.latitude ?? "" })::text[], \(chunk.map { $0.longitude ?? "" })::text[])
                        AS f(id, sls, name, address, members, grp, score, kk, nik, lat, lon)
                    """, logger: logger)
            }
        }
    }
}
