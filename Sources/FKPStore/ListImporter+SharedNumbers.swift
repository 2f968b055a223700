import FKPCore
import NIOCore
import PostgresNIO

extension ListImporter {
    /// The family card numbers and heads' NIKs that families of the file share with another family
    /// of the file, or of its regencies in units the file does not list (`SharedNumbers`). Only the
    /// rows whose number the reading found possibly repeated are asked of (a few hundred a
    /// million), and the regencies' other families, which a whole regency's file leaves none of.
    /// The candidates go in by COPY, as the rows did, not as a statement's parameters, which the
    /// server logs with a slow statement; and only family ids and lines come back.
    func sharedNumbers(units: [String], regencies: [String], _ possiblyRepeated: PossiblyRepeatedNumbers,
                       on connection: PostgresConnection) async throws -> SharedNumbers {
        try await connection.query("CREATE TEMP TABLE import_candidates (column_name text NOT NULL, number text NOT NULL) ON COMMIT DROP",
                                   logger: database.logger)
        try await connection.copyFrom(table: "import_candidates", logger: database.logger) { writer in
            var buffer = ByteBufferAllocator().buffer(capacity: 4096)
            for (column, candidates) in [("kk_number", possiblyRepeated.kkNumbers), ("head_nik", possiblyRepeated.headNIKs)] {
                for number in candidates ?? [] { CopyText.append([column, number], to: &buffer) }
            }
            try await writer.write(buffer)
        }
        /// The file's rows whose number is in `column` of another row, or may be.
        func repeatedInFile(_ column: String, _ candidates: [String]?) -> SQLFragment {
            SQLFragment(stringLiteral: candidates == nil
                ? "\(column) IN (SELECT \(column) FROM import_staging GROUP BY 1 HAVING count(*) > 1)"
                : "\(column) IN (SELECT number FROM import_candidates WHERE column_name = '\(column)')")
        }
        var shared = SharedNumbers()
        let rows = try await connection.query("""
            WITH units AS MATERIALIZED (SELECT unnest(\(units)::text[]) AS sls_code),
            outside AS MATERIALIZED (
                -- The regencies' families in units the file does not list (they stay) that hold a number
                -- of the file's: read unit by unit through the families' unit index (`OFFSET 0` keeps the
                -- planner from reading the country's), each asked of the file's numbers as it is read.
                SELECT f.id, f.kk_number, f.head_nik
                  FROM unnest(\(regencies)::text[]) r(code)
                  JOIN fkp.regions u ON u.code > r.code AND u.code < r.code || ':' AND length(u.code) >= 14
                  CROSS JOIN LATERAL (SELECT f.id, f.kk_number, f.head_nik FROM fkp.families f WHERE f.sls_code = u.code OFFSET 0) f
                 WHERE u.code NOT IN (SELECT sls_code FROM units)
                   AND (f.kk_number IN (SELECT kk_number FROM import_staging) OR f.head_nik IN (SELECT head_nik FROM import_staging))),
            -- The file's rows that may share a number, in one pass over the file.
            in_file AS MATERIALIZED (
                SELECT line, id, kk_number, head_nik FROM import_staging
                 WHERE \(repeatedInFile("kk_number", possiblyRepeated.kkNumbers)) OR \(repeatedInFile("head_nik", possiblyRepeated.headNIKs))
                    OR kk_number IN (SELECT kk_number FROM outside) OR head_nik IN (SELECT head_nik FROM outside)),
            -- Each row under both its numbers: a number no row of the file holds is left out below.
            holders AS MATERIALIZED (
                SELECT 'kk_number' AS column_name, kk_number AS number, id, line FROM in_file
                UNION ALL
                SELECT 'head_nik', head_nik, id, line FROM in_file
                UNION ALL
                SELECT 'kk_number', kk_number, id, NULL FROM outside
                UNION ALL
                SELECT 'head_nik', head_nik, id, NULL FROM outside),
            -- A family the file moves in from a unit it does not list is in both: one family.
            shared AS (
                SELECT column_name, number, count(DISTINCT id) AS families, min(line) AS first_line,
                       row_number() OVER (PARTITION BY column_name ORDER BY min(line), number) AS n,
                       count(*) OVER (PARTITION BY column_name) AS numbers
                  FROM holders GROUP BY 1, 2 HAVING count(DISTINCT id) > 1 AND count(line) > 0)
            SELECT s.column_name, s.numbers, s.n, s.families, h.id, h.line
              FROM shared s
              CROSS JOIN LATERAL (SELECT h.id, min(h.line) AS line FROM holders h
                                   WHERE h.column_name = s.column_name AND h.number = s.number
                                   GROUP BY h.id ORDER BY 2 NULLS LAST, 1 LIMIT 5) h
             WHERE s.n <= 10
             ORDER BY 1, 3, 6 NULLS LAST, 5
            """, logger: database.logger)
        for try await (column, numbers, n, families, id, line) in rows.decode((String, Int64, Int64, Int64, String, Int32?).self) {
            let holder = SharedNumbers.Holder(familyID: id, line: line.map(Int.init))
            func add(to shared: inout SharedNumbers.Column) {
                shared.numbers = Int(numbers)
                if shared.groups.count < n { shared.groups.append(SharedNumbers.Group(families: Int(families), shown: [])) }
                shared.groups[shared.groups.count - 1].shown.append(holder)
            }
            if column == "kk_number" { add(to: &shared.familyCards) } else { add(to: &shared.headNIKs) }
        }
        return shared
    }
}
