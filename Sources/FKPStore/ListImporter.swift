import FKPCore
import Logging
import NIOCore
import PostgresNIO

/// Loads a regions or families file in one transaction: all of it, or nothing. Rows are checked
/// as they stream in, copied into a staging table (COPY), checked again against the database with
/// set-based SQL, then merged as one import batch: one audit entry carrying the file's SHA-256,
/// the rows it changed kept in the append-only audit.imported_families or audit.imported_regions.
public struct ListImporter: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Imports; throws `ImportProblems` (line, column, value, what is wrong) and changes nothing
    /// when anything is wrong.
    /// `scope`: the places the uploader may change (nil: anywhere, for the operator's command line).
    /// `checkOnly`: every check, and the counts the import would change, but nothing loaded (no batch):
    /// a revised file removes the families of its units that it no longer lists, and this says how many first.
    public func run<Chunks: AsyncSequence & Sendable>(_ kind: ListKind, chunks: Chunks, fileName: String, context: WriteContext,
                                                      scope: [RegionCode]? = nil, checkOnly: Bool = false,
                                                      progress: (@Sendable (Stage) -> Void)? = nil) async throws -> ImportReport
    where Chunks.Element == [UInt8] {
        var context = context
        context.action = "import.\(kind.rawValue)"
        return try await database.write(context) { connection in
            // Checks and the diff hash and sort whole files: keep them in memory on the server. Temporary
            // tables have no statistics, so the planner's estimates are far off and would make it spend
            // most of a second compiling each statement (JIT) for work that takes milliseconds.
            try await connection.query("SET LOCAL work_mem = '256MB'", logger: database.logger)
            try await connection.query("SET LOCAL jit = off", logger: database.logger)
            let staged = try await stage(kind, chunks: chunks, on: connection, progress: progress)
            progress?(.checking(rows: staged.rows))
            var problems = try await checkAgainstDatabase(kind, on: connection)
            if !problems.isEmpty { throw problems }
            try await lockRegencies(staged, on: connection)
            let diff = try await difference(kind, on: connection)
            problems = try await checkLeadingZeros(kind, diff, on: connection)
            if !problems.isEmpty { throw problems }
            problems = try await checkScope(kind, scope, on: connection)
            if !problems.isEmpty { throw problems }
            problems = try await checkForums(kind, on: connection)
            if !problems.isEmpty { throw problems }
            var report = ImportReport(batchID: nil, sha256: staged.sha256, rows: staged.rows,
                                      added: diff.added, changed: diff.changed, removed: diff.removed)
            report.places = try await changedPlaces(kind, report, on: connection)
            if let units = staged.units, let possiblyRepeated = staged.possiblyRepeated {
                report.sharedNumbers = try await sharedNumbers(units: units, regencies: staged.regencies, possiblyRepeated, on: connection)
            }
            if checkOnly || report.isNoOp { return report }
            progress?(.loading(rows: staged.rows))
            report.batchID = try await merge(kind, report: report, fileName: fileName, context: context, on: connection)
            return report
        }
    }

    // MARK: what changes

    /// Families: the file speaks for every unit it names (families of those units missing from the
    /// file are removed). Regions: the file adds places and renames them; it never removes one.
    private func difference(_ kind: ListKind, on connection: PostgresConnection) async throws -> (added: Int, changed: Int, removed: Int) {
        let logger = database.logger
        switch kind {
        case .families:
            // Whole rows, so that the merge reads this table alone. Each row's family is looked up by its
            // id (LATERAL ... LIMIT 1 keeps the planner from joining otherwise): joined as a whole, the
            // country's families were read in full for every regency's file, 11 s at 20 million
            // families and growing with them, against 2 s looked up (docs/benchmarks.md, session 36).
            try await connection.query("""
                CREATE TEMP TABLE import_diff ON COMMIT DROP AS
                SELECT CASE WHEN f.id IS NULL THEN 'add' ELSE 'change' END AS change, s.line, s.id, s.sls_code,
                       s.head_name, s.address, s.members, s.welfare_group, s.welfare_score, s.kk_number, s.head_nik,
                       s.latitude, s.longitude, f.sls_code AS old_sls_code
                  FROM import_staging s
                  LEFT JOIN LATERAL (SELECT * FROM fkp.families f WHERE f.id = s.id LIMIT 1) f ON true
                 WHERE f.id IS NULL
                    OR (f.sls_code, f.head_name, f.address, f.members, f.welfare_group, f.welfare_score, f.kk_number, f.head_nik,
                        f.latitude, f.longitude)
                       IS DISTINCT FROM (s.sls_code, s.head_name, s.address, s.members, s.welfare_group, s.welfare_score,
                        s.kk_number, s.head_nik, s.latitude, s.longitude)
                    OR f.welfare_score::text <> s.welfare_score::text
                UNION ALL
                SELECT 'remove', NULL, f.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, f.sls_code
                  FROM fkp.families f
                 WHERE f.sls_code IN (SELECT DISTINCT sls_code FROM import_staging)
                   AND NOT EXISTS (SELECT 1 FROM import_staging s WHERE s.id = f.id)
                """, logger: logger)
        case .regions:
            try await connection.query("""
                CREATE TEMP TABLE import_diff ON COMMIT DROP AS
                SELECT CASE WHEN r.code IS NULL THEN 'add' ELSE 'change' END AS change, s.line, s.code AS id,
                       s.code AS sls_code, NULL::text AS old_sls_code
                  FROM import_staging s LEFT JOIN fkp.regions r ON r.code = s.code
                 WHERE r.code IS NULL OR (r.name, r.non_sls) IS DISTINCT FROM (s.name, s.non_sls)
                """, logger: logger)
        }
        var counts = (added: 0, changed: 0, removed: 0)
        let rows = try await connection.query("SELECT change, count(*) FROM import_diff GROUP BY 1", logger: logger)
        for try await (change, n) in rows.decode((String, Int64).self) {
            switch change {
            case "add": counts.added = Int(n)
            case "change": counts.changed = Int(n)
            default: counts.removed = Int(n)
            }
        }
        return counts
    }

    /// What the file does to places beyond its counts, asked only of a difference that holds such
    /// rows (a first load holds none).
    private func changedPlaces(_ kind: ListKind, _ report: ImportReport, on connection: PostgresConnection) async throws -> ChangedPlaces {
        var places = ChangedPlaces()
        switch kind {
        case .families:
            if report.removed > 0 { places.removals = try await removalsByUnit(on: connection) }
            if report.changed > 0 { places.takenFromUnitsNotListed = try await takenFromUnitsNotListed(on: connection) }
        case .regions:
            if report.changed > 0 { places.placeChanges = try await placeChanges(on: connection) }
        }
        return places
    }

    /// The units whose families the file removes, most first: what a person needs to see of a revised
    /// file before loading it, and after.
    private func removalsByUnit(on connection: PostgresConnection) async throws -> [ChangedPlaces.UnitFamilies] {
        try await unitsLosingFamilies(where: "d.change = 'remove'", on: connection)
    }

    /// The units the file does not list whose families it moves into those it lists, most
    /// first: a family that moved house, or an id that clashes with another place's family, which
    /// a count of changes does not show.
    private func takenFromUnitsNotListed(on connection: PostgresConnection) async throws -> [ChangedPlaces.UnitFamilies] {
        try await unitsLosingFamilies(where: """
            d.change = 'change' AND d.old_sls_code <> d.sls_code
            AND d.old_sls_code NOT IN (SELECT sls_code FROM import_staging)
            """, on: connection)
    }

    /// The first places in code order that a regions file renames or marks otherwise.
    private func placeChanges(on connection: PostgresConnection) async throws -> [ChangedPlaces.PlaceChange] {
        var changes: [ChangedPlaces.PlaceChange] = []
        for try await (code, name, newName, nonSLS) in try await connection.query("""
            SELECT r.code, r.name, nullif(s.name, r.name), CASE WHEN s.non_sls <> r.non_sls THEN s.non_sls END
              FROM import_diff d JOIN import_staging s ON s.line = d.line JOIN fkp.regions r ON r.code = s.code
             WHERE d.change = 'change' ORDER BY r.code LIMIT 10
            """, logger: database.logger).decode((String, String, String?, Bool?).self) {
            changes.append(ChangedPlaces.PlaceChange(code: code, name: name, newName: newName, nonSLS: nonSLS))
        }
        return changes
    }

    private func unitsLosingFamilies(where condition: String, on connection: PostgresConnection) async throws -> [ChangedPlaces.UnitFamilies] {
        var units: [ChangedPlaces.UnitFamilies] = []
        for try await (code, name, count) in try await connection.query("""
            SELECT d.old_sls_code, r.name, count(*) FROM import_diff d JOIN fkp.regions r ON r.code = d.old_sls_code
             WHERE \(unescaped: condition) GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 10
            """, logger: database.logger).decode((String, String, Int64).self) {
            units.append(ChangedPlaces.UnitFamilies(code: code, name: name, families: Int(count)))
        }
        return units
    }

    /// Waits for any other import of the file's regencies to end, so that the difference is taken
    /// from what that import left: two loads of one regency at once both added the same families,
    /// and one failed on a duplicate key. Regencies are locked in code order, so two files that
    /// share several cannot each wait for the other (`fkp.lock_regency_families`, the lock every
    /// write to a regency's families takes), as the reading found them.
    private func lockRegencies(_ staged: StagedFile, on connection: PostgresConnection) async throws {
        try await connection.query("""
            SELECT fkp.lock_regency_families(regency) FROM unnest(\(staged.regencies)::text[]) regency  -- in the array's order
            """, logger: database.logger)
    }

    // MARK: merge

    private func merge(_ kind: ListKind, report: ImportReport, fileName: String, context: WriteContext,
                       on connection: PostgresConnection) async throws -> Int64 {
        let logger = database.logger
        // The regencies the batch changes (a province's own code for a province row).
        var regencies: [String] = []
        for try await codes in try await connection.query("""
            SELECT coalesce(array_agg(DISTINCT left(code, 4) ORDER BY left(code, 4)), '{}') FROM (
                SELECT sls_code AS code FROM import_diff UNION ALL SELECT old_sls_code FROM import_diff) c
             WHERE code IS NOT NULL
            """, logger: logger).decode([String].self) { regencies = codes }
        if regencies.count == 1, regencies[0].utf8.count == 4, (context.regionCode?.utf8.count ?? 0) < 4 {
            // A batch inside one regency belongs to that regency's chain, as an upload by its own
            // staff does: declared with no place (the command line) or a province's, it would go to
            // the national chain, out of the regency's audit view and exports.
            var narrowed = context
            narrowed.regionCode = regencies[0]
            try await connection.declare(narrowed, logger: logger)
        }
        var batchID: Int64 = 0
        // The one audited entry of the batch: who, when, which file (by SHA-256), what it changed.
        for try await id in try await connection.query("""
            INSERT INTO fkp.import_batches (kind, file_name, sha256, region_code, actor, row_count, added, changed, removed, regencies,
                                            places_changed, numbers_shared)
            VALUES (\(kind.rawValue), \(fileName), \(report.sha256), \(context.regionCode), \(context.actor), \(report.rows),
                    \(report.added), \(report.changed), \(report.removed), \(regencies), \(try report.places.json())::jsonb,
                    \(try report.sharedNumbers.json())::jsonb)
            RETURNING id
            """, logger: logger).decode(Int64.self) { batchID = id }
        try await connection.query("SELECT audit.declare_batch(\(batchID))", logger: logger)
        switch kind {
        case .regions:
            try await connection.query("""
                INSERT INTO audit.imported_regions (batch_id, code, change, line, name, level, non_sls)
                SELECT \(batchID), s.code, d.change, s.line, s.name, s.level, s.non_sls
                  FROM import_diff d JOIN import_staging s ON s.line = d.line
                """, logger: logger)
            try await connection.query("""
                INSERT INTO fkp.regions (code, name, level, non_sls)
                SELECT s.code, s.name, s.level, s.non_sls FROM import_staging s JOIN import_diff d ON d.line = s.line AND d.change = 'add'
                """, logger: logger)
            try await connection.query("""
                UPDATE fkp.regions r SET name = s.name, non_sls = s.non_sls
                  FROM import_staging s JOIN import_diff d ON d.line = s.line AND d.change = 'change' WHERE r.code = s.code
                """, logger: logger)
        case .families:
            // In the order of the rows' key (family id, batch), so that its index is filled page after
            // page: a million rows in file order took 4.1-5.1 s, sorted first 3.1-4.1 s.
            try await connection.query("""
                INSERT INTO audit.imported_families (batch_id, family_id, change, line, sls_code, head_name, address, members,
                                                     welfare_group, welfare_score, kk_number, head_nik, latitude, longitude)
                SELECT \(batchID), id, change, line, coalesce(sls_code, old_sls_code), head_name, address, members,
                       welfare_group, welfare_score, kk_number, head_nik, latitude, longitude
                  FROM import_diff
                 ORDER BY id
                """, logger: logger)
            // Each reads the whole difference: skipped when it has nothing to do (a first load: 0.2 s a million).
            if report.removed > 0 {
                try await connection.query("""
                    DELETE FROM fkp.families f USING import_diff d WHERE d.change = 'remove' AND f.id = d.id
                    """, logger: logger)
            }
            if report.changed > 0 {
                try await connection.query("""
                    UPDATE fkp.families f SET sls_code = d.sls_code, head_name = d.head_name, address = d.address, members = d.members,
                           welfare_group = d.welfare_group, welfare_score = d.welfare_score, kk_number = d.kk_number,
                           head_nik = d.head_nik, latitude = d.latitude, longitude = d.longitude, import_batch_id = \(batchID),
                           version = f.version + 1
                      FROM import_diff d
                     WHERE d.change = 'change' AND f.id = d.id
                    """, logger: logger)
            }
            if report.added > 0 {
                try await connection.query("""
                    INSERT INTO fkp.families (id, sls_code, head_name, address, members, welfare_group, welfare_score, kk_number,
                                              head_nik, latitude, longitude, import_batch_id)
                    SELECT id, sls_code, head_name, address, members, welfare_group, welfare_score, kk_number,
                           head_nik, latitude, longitude, \(batchID)
                      FROM import_diff WHERE change = 'add'
                    """, logger: logger)
            }
        }
        return batchID
    }
}
