import FKPCore
import PostgresNIO

/// The checks of a staged file that need the database: the file against itself and the places
/// that exist, the uploader's places, and the forums whose families may no longer change.
extension ListImporter {
    /// The query's rows are (line, column, value, problem code, the problem's details as text[]);
    /// `kind` turns a code and its details into the problem.
    func problems(_ query: PostgresQuery, on connection: PostgresConnection,
                  kind: (String, [String]) -> ImportProblem.Kind) async throws -> ImportProblems {
        var found = ImportProblems()
        let rows = try await connection.query(query, logger: database.logger)
        for try await (line, column, value, code, details) in rows.decode((Int32?, String?, String?, String, [String]).self) {
            found.append(ImportProblem(line: line.map(Int.init), column: column, value: value, problem: kind(code, details)))
        }
        return found
    }

    /// Each check finds the few offending keys first (set-based), then the lines that carry them,
    /// so that a clean million-row file costs one pass per check.
    func checkAgainstDatabase(_ kind: ListKind, on connection: PostgresConnection) async throws -> ImportProblems {
        switch kind {
        case .families:
            return try await problems("""
                WITH repeated AS MATERIALIZED (
                    SELECT id, min(line) AS first_line FROM import_staging GROUP BY id HAVING count(*) > 1),
                unknown AS MATERIALIZED (
                    -- With the lowest place of its code that is loaded (an unknown sub-SLS's SLS, a village...).
                    SELECT u.sls_code, (SELECT r.code FROM fkp.regions r
                                         WHERE r.code IN (left(u.sls_code, 14), left(u.sls_code, 10), left(u.sls_code, 7), left(u.sls_code, 4), left(u.sls_code, 2))
                                         ORDER BY length(r.code) DESC LIMIT 1) AS known
                      FROM (SELECT DISTINCT sls_code FROM import_staging) u
                     WHERE NOT EXISTS (SELECT 1 FROM fkp.regions r WHERE r.code = u.sls_code)),
                -- The unknown units said each alone: those of a regency that is loaded, or the only
                -- one the file names in a regency that is not (a code mistyped, most likely).
                unknown_alone AS MATERIALIZED (
                    SELECT sls_code FROM (SELECT sls_code, known, count(*) OVER (PARTITION BY left(sls_code, 4)) AS in_regency FROM unknown) u
                     WHERE length(coalesce(known, '')) >= 4 OR in_regency = 1)
                SELECT s.line, 'family_id', s.id, 'repeated', ARRAY[r.first_line::text]
                  FROM import_staging s JOIN repeated r ON r.id = s.id AND s.line > r.first_line
                UNION ALL
                -- An unknown unit once, at its first line, with how many rows name it: a unit whose
                -- regions were not loaded is one problem, not one per family.
                SELECT min(s.line), 'sls_code', s.sls_code, 'unknown', ARRAY[count(*)::text, max(s.line)::text, coalesce(u.known, '')]
                  FROM import_staging s JOIN unknown u ON u.sls_code = s.sls_code
                 WHERE u.sls_code IN (SELECT sls_code FROM unknown_alone)
                 GROUP BY s.sls_code, u.known
                UNION ALL
                -- A regency none of whose places is loaded, whose units the file names two or more:
                -- its regions not loaded yet, said once rather than once a unit.
                SELECT min(first_line), 'sls_code', (array_agg(sls_code ORDER BY first_line))[1], 'regency',
                       ARRAY[left(sls_code, 4), count(*)::text, sum(rows)::text, max(last_line)::text]
                  FROM (SELECT s.sls_code, min(s.line) AS first_line, count(*) AS rows, max(s.line) AS last_line
                          FROM import_staging s JOIN unknown u ON u.sls_code = s.sls_code
                         WHERE u.sls_code NOT IN (SELECT sls_code FROM unknown_alone)
                         GROUP BY s.sls_code) units
                 GROUP BY left(sls_code, 4)
                ORDER BY 1
                """, on: connection) { code, details in
                if code == "repeated" { return .sameFamilyID(asLine: Int(details[0]) ?? 0) }
                if code == "regency" {
                    return .regencyNotLoaded(details[0], units: Int(details[1]) ?? 0, rows: Int(details[2]) ?? 0, lastLine: Int(details[3]) ?? 0)
                }
                let (rows, lastLine) = (Int(details[0]) ?? 1, Int(details[1]) ?? 0)
                guard let known = RegionCode.parse(details[2]) else { return .unknownUnit(rows: rows, lastLine: lastLine) }
                return known.level == .sls ? .unknownSubunit(sls: known.value, rows: rows, lastLine: lastLine)
                                           : .unknownUnitUnder(place: known, rows: rows, lastLine: lastLine)
            }
        case .regions:
            return try await problems("""
                SELECT line, 'code', code, 'repeated', ARRAY[first_line::text] FROM (
                    SELECT line, code, min(line) OVER (PARTITION BY code) AS first_line FROM import_staging) d WHERE line > first_line
                UNION ALL
                -- A missing parent once, at its first child's line (with that child's code), with how many rows need it.
                SELECT min(s.line), 'code', (array_agg(s.code ORDER BY s.line))[1], 'orphan',
                       ARRAY[p.parent, count(*)::text, max(s.line)::text]
                  FROM import_staging s
                  CROSS JOIN LATERAL (SELECT left(s.code, CASE length(s.code) WHEN 4 THEN 2 WHEN 7 THEN 4 WHEN 10 THEN 7
                                                               WHEN 14 THEN 10 WHEN 16 THEN 14 END) AS parent) p
                 WHERE length(s.code) > 2
                   AND NOT EXISTS (SELECT 1 FROM fkp.regions r WHERE r.code = p.parent)
                   AND NOT EXISTS (SELECT 1 FROM import_staging o WHERE o.code = p.parent)
                 GROUP BY p.parent
                ORDER BY 1
                """, on: connection) { code, details in
                code == "repeated" ? .sameCode(asLine: Int(details[0]) ?? 0)
                    : .parentMissing(details[0], rows: Int(details[1]) ?? 1, lastLine: Int(details[2]) ?? 0)
            }
        }
    }

    /// Every place the file changes must lie inside the uploader's places: the units its rows name,
    /// the units its families are listed in now (a family id already listed elsewhere is moved by
    /// the file), and the units whose families it removes, each named at a line of the file.
    func checkScope(_ kind: ListKind, _ scope: [RegionCode]?, on connection: PostgresConnection) async throws -> ImportProblems {
        guard let scope else { return ImportProblems() }
        let prefixes = scope.map { $0.value + "%" }
        let unitColumn = kind == .families ? "sls_code" : "code"  // the file's column, and the staging table's
        // The few rows that reach outside, found in one pass over the difference, then named.
        return try await problems("""
            WITH outside AS MATERIALIZED (
                SELECT d.line, d.id, d.sls_code, d.old_sls_code,
                       d.sls_code IS NOT NULL AND NOT d.sls_code LIKE ANY(\(prefixes)::text[]) AS unit_outside
                  FROM import_diff d
                 WHERE NOT coalesce(d.sls_code, d.old_sls_code) LIKE ANY(\(prefixes)::text[])
                    OR (d.old_sls_code IS NOT NULL AND NOT d.old_sls_code LIKE ANY(\(prefixes)::text[])))
            -- A unit outside once, at the first row that changes it, with how many rows do.
            SELECT min(line), \(unitColumn)::text, sls_code, 'outside', ARRAY[count(*)::text, max(line)::text]
              FROM outside WHERE unit_outside GROUP BY sls_code
            UNION ALL
            SELECT line, 'family_id', id, 'moved_from_outside', ARRAY[old_sls_code] FROM outside
             WHERE line IS NOT NULL AND NOT unit_outside
            UNION ALL
            -- A family removed from a unit outside whose rows are all unchanged: at the unit's first line.
            SELECT min(s.line), \(unitColumn)::text, s.\(unescaped: unitColumn), 'outside', ARRAY['1', min(s.line)::text]
              FROM import_staging s
             WHERE s.\(unescaped: unitColumn) IN (SELECT old_sls_code FROM outside WHERE line IS NULL)
               AND s.\(unescaped: unitColumn) NOT IN (SELECT sls_code FROM outside WHERE unit_outside)
             GROUP BY s.\(unescaped: unitColumn)
             ORDER BY 1, 3
            """, on: connection) { code, details in
            code == "outside" ? .outsideRegion(scope.map(\.value), rows: Int(details[0]) ?? 1, lastLine: Int(details[1]) ?? 0)
                : .listedOutsideRegion(unit: details[0], scope.map(\.value))
        }
    }

    /// A revised file whose family ids lost their leading zeros (a spreadsheet took the column for
    /// numbers) would remove every such family and add it again under another id, its history cut
    /// off: refused where a family added is one removed from the same unit without its zeros.
    func checkLeadingZeros(_ kind: ListKind, _ diff: (added: Int, changed: Int, removed: Int),
                           on connection: PostgresConnection) async throws -> ImportProblems {
        guard kind == .families, diff.added > 0, diff.removed > 0 else { return ImportProblems() }
        return try await problems("""
            SELECT a.line, 'family_id', a.id, 'zeros', ARRAY[r.id]
              FROM import_diff a
              JOIN import_diff r ON r.change = 'remove' AND r.old_sls_code = a.sls_code AND ltrim(r.id, '0') = a.id
             WHERE a.change = 'add' AND r.id <> a.id
             ORDER BY a.line
            """, on: connection) { _, details in .leadingZerosLost(was: details[0]) }
    }

    /// Families of units in a forum that has opened (or closed) cannot change. The units the file
    /// touches are gathered first (a few thousand), so the forum tables are read once per unit.
    func checkForums(_ kind: ListKind, on connection: PostgresConnection) async throws -> ImportProblems {
        guard kind == .families else { return ImportProblems() }
        return try await problems("""
            WITH touched AS MATERIALIZED (
                SELECT sls_code AS family_unit FROM import_diff WHERE sls_code IS NOT NULL
                UNION SELECT old_sls_code FROM import_diff WHERE old_sls_code IS NOT NULL),
            frozen AS MATERIALIZED (
                -- A forum unit is the family's SLS or its sub-SLS: an exact match, so the index serves it.
                SELECT t.family_unit, u.sls_code AS unit, f.id AS forum_id, f.state
                  FROM touched t
                  JOIN fkp.forum_units u ON u.sls_code IN (t.family_unit, left(t.family_unit, 14))
                  JOIN fkp.forums f ON f.id = u.forum_id AND fkp.forum_freezes_families(f.state))
            SELECT d.line, CASE WHEN d.line IS NULL THEN NULL ELSE 'sls_code' END, coalesce(d.sls_code, d.old_sls_code),
                   'in_forum', ARRAY[CASE d.change WHEN 'remove' THEN d.id ELSE '' END, z.unit, z.forum_id::text, z.state]
              FROM import_diff d
              JOIN frozen z ON z.family_unit IN (d.sls_code, d.old_sls_code)
             ORDER BY d.line NULLS LAST, d.id
            """, on: connection) { _, details in
            .unitInForum(removedFamily: details[0].isEmpty ? nil : details[0], unit: details[1], forumID: Int64(details[2]) ?? 0,
                         state: ForumState(rawValue: details[3]) ?? .closed)
        }
    }
}
