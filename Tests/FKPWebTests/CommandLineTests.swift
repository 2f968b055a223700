import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

/// The `fkp` binary itself, run as an operator would, against a test database.
final class CommandLineTests: XCTestCase {
    static func fkp(_ arguments: [String], stdin: String = "", database: DatabaseURL,
                    environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        try run(TestPostgres.packageRoot + "/.build/debug/fkp", arguments, stdin: stdin,
                environment: ["DATABASE_URL": database.urlString, "PATH": "/usr/bin:/bin", "FKP_BCRYPT_COST": "10"]
                    .merging(environment) { $1 })
    }

    /// Runs a program from the package root; its standard output and error together.
    static func run(_ program: String, _ arguments: [String], stdin: String = "", environment: [String: String] = ["PATH": "/usr/bin:/bin"])
        throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: TestPostgres.packageRoot)
        process.environment = environment
        let output = Pipe(), input = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testHelpListsTheSubCommands() throws {
        let help = try Self.fkp(["--help"], database: DatabaseURL(host: "127.0.0.1", port: 1, username: "x", password: nil, database: "x"))
        XCTAssertEqual(help.status, 0)
        for command in ["demo", "serve", "migrate", "user"] { XCTAssertTrue(help.output.contains(command), help.output) }
    }

    func testGenerateNamesAnOutputItCannotUse() throws {
        let nowhere = DatabaseURL(host: "127.0.0.1", port: 1, username: "x", password: nil, database: "x")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fkp-generate-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: file, contents: Data("keep".utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let onFile = try Self.fkp(["generate", "--regency", "3201", "--villages", "1", "--families", "5", "--seed", "1", "--out", file],
                                  database: nowhere)
        XCTAssertEqual(onFile.status, 2)
        XCTAssertTrue(onFile.output.contains("--out \(file) is a file; name a folder"), onFile.output)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "keep")
        let underFile = try Self.fkp(["generate", "--regency", "3201", "--villages", "1", "--families", "5", "--seed", "1",
                                      "--out", file + "/sub"], database: nowhere)
        XCTAssertEqual(underFile.status, 2)
        XCTAssertTrue(underFile.output.contains("cannot create the folder"), underFile.output)
    }

    /// A place's code given as an option is refused before anything runs, saying what is wrong with
    /// it as an import says it of a code in a file, or that it is another level's.
    func testAPlacesCodeThatIsWrongIsNamedWithWhatIsWrong() throws {
        let nowhere = DatabaseURL(host: "127.0.0.1", port: 1, username: "x", password: nil, database: "x")
        for (arguments, message) in [
            (["generate", "--regency", "3270", "--out", "/tmp/unused"], "--regency '3270': regency number 70 is not used (01-69 regencies, 71-99 cities)"),
            (["generate", "--regency", "32", "--out", "/tmp/unused"], "--regency 32 is a province code; a regency code has 4 digits"),
            (["export", "families", "--region", "320"], "--region '320': 3 digits is no level's length (2, 4, 7, 10, 14 or 16)"),
            (["export", "final", "--regency", "3201010"], "--regency 3201010 is a district code; a regency code has 4 digits"),
            (["audit", "export", "--region", "1001", "--format", "csv"], "--region '1001': province number 10 is not used"),
            (["rerank", "--regency", "32O1"], "--regency '32O1': a code is digits only"),
            (["user", "list", "--region", "3201x"], "--region '3201x': a code is digits only"),
        ] {
            let refused = try Self.fkp(arguments, database: nowhere)
            XCTAssertEqual(refused.status, 2, "\(arguments): \(refused.output)")
            XCTAssertTrue(refused.output.contains("fkp: " + message), "\(arguments): \(refused.output)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/unused"), "a refused generate writes nothing")
    }

    /// A wrong address or database name is said at once, in PostgreSQL's words: the pool alone
    /// retried for a minute and then reported that its circuit breaker had tripped.
    func testADatabaseThatCannotBeReachedIsNamedAtOnce() async throws {
        try await withTestDatabase { _, url in
            let started = ContinuousClock.now
            let missing = try Self.fkp(["export", "regions", "--region", "32"], database: url.with(database: "no_such_database"))
            XCTAssertEqual(missing.status, 1)
            XCTAssertTrue(missing.output.contains("database \"no_such_database\" does not exist"), missing.output)
            var closed = url
            closed.port = 1
            let refused = try Self.fkp(["export", "regions", "--region", "32"], database: closed)
            XCTAssertEqual(refused.status, 1)
            // Over TCP the port refuses; over a socket (TEST_DATABASE_URL may name one) there is no such file.
            XCTAssertTrue(refused.output.contains(closed.socketPath == nil ? "Connection refused" : "no server listens on"), refused.output)
            XCTAssertLessThan(ContinuousClock.now - started, .seconds(20))
        }
    }

    /// On the database's own machine the server, `fkp migrate` and the PostgreSQL programs an operator
    /// runs with the same address (pg_dump, psql) reach it through its Unix socket.
    func testAnAddressNamingTheServersSocketFolderMigratesServesAndSuitsPostgresPrograms() async throws {
        let socket = try await TestPostgres.shared.socketURL(for: try await TestPostgres.shared.emptyDatabase())
        let migrated = try Self.fkp(["migrate"], database: socket)
        XCTAssertEqual(migrated.status, 0, migrated.output)
        XCTAssertTrue(migrated.output.contains("0001_audit_infrastructure.sql"), migrated.output)

        let bin = try XCTUnwrap(LocalPostgres.findBinDirectory(), "the PostgreSQL programs are installed")
        let psql = try Self.run(bin + "/psql", [socket.urlString, "-Atc", "SELECT inet_server_addr() IS NULL, current_database()"])
        XCTAssertEqual(psql.status, 0, psql.output)
        XCTAssertEqual(psql.output, "t|\(socket.database)\n", "psql reached the same database through the socket")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fkp-socket-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try ServerProcess(database: socket, folder: folder, name: "fkp")
        defer { server.stop() }
        let ready = try LoopbackHTTP().get(server.port, "/readyz")
        XCTAssertEqual(ready.status, 200, server.log)
        XCTAssertTrue(server.log.contains("database=\(socket.description)"), "the log names the database it serves: \(server.log)")
    }

    /// Served behind its code every page would fail: the server says so at start instead.
    func testTheServerRefusesToStartOnADatabaseWithPendingMigrations() async throws {
        try await withTestDatabase { db, url in
            let name = "unmigrated_\(UInt32.random(in: 0...UInt32.max))"
            try await db.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: db.logger)
            let started = try Self.fkp(["serve"], database: url.with(database: name), environment: ["PORT": "1"])
            try await db.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name)"), logger: db.logger)
            XCTAssertNotEqual(started.status, 0)
            XCTAssertTrue(started.output.contains("migration(s), from 0001_audit_infrastructure.sql"), started.output)
            XCTAssertTrue(started.output.contains("fkp serve --migrate"), started.output)
        }
    }

    /// A command run on a database never migrated, or on one behind this release, says so and what
    /// to run, not PostgreSQL's words about a relation it lacks; the same commands on a current
    /// database are not touched by it.
    func testACommandOnADatabaseNotMigratedSaysToRunMigrate() async throws {
        try await withTestDatabase { db, url in
            let list = FileManager.default.temporaryDirectory.appendingPathComponent("fkp-regions-\(UUID().uuidString).csv").path
            try "code,name,level\n32,JAWA BARAT,province\n".write(toFile: list, atomically: true, encoding: .utf8)
            let firstMigrations = FileManager.default.temporaryDirectory.appendingPathComponent("fkp-sql-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: firstMigrations, withIntermediateDirectories: true)
            let migrations = try Migrator(directory: TestPostgres.packageRoot + "/sql").migrations
            for migration in migrations.prefix(19) {
                try migration.sql.write(toFile: firstMigrations + "/" + migration.name, atomically: true, encoding: .utf8)
            }
            let never = "never_migrated_\(UInt32.random(in: 0...UInt32.max))", behind = "behind_\(UInt32.random(in: 0...UInt32.max))"
            for name in [never, behind] {
                try await db.client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: db.logger)
            }
            defer {
                try? FileManager.default.removeItem(atPath: list)
                try? FileManager.default.removeItem(atPath: firstMigrations)
            }
            let older = try Self.fkp(["migrate"], database: url.with(database: behind), environment: ["FKP_SQL_DIR": firstMigrations])
            XCTAssertEqual(older.status, 0, older.output)

            var answers: [(database: String, arguments: [String], status: Int32, output: String)] = []
            for name in [never, behind] {
                for arguments in [["import", "regions", list], ["export", "regions", "--region", "32"], ["audit", "verify"], ["rerank", "--regency", "3201"]] {
                    let answer = try Self.fkp(arguments, database: url.with(database: name))
                    answers.append((name, arguments, answer.status, answer.output))
                }
            }
            for name in [never, behind] {
                try await db.client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(name)"), logger: db.logger)
            }
            for answer in answers where answer.database == never {
                XCTAssertEqual(answer.status, 2, "\(answer.arguments): \(answer.output)")
                XCTAssertTrue(answer.output.contains("the database \(never) was never migrated: run `fkp migrate` first"),
                              "\(answer.arguments): \(answer.output)")
            }
            // Behind: the import writes a column of a later migration; the others read what the
            // first nineteen made, and answer as on a current database.
            let pending = "lacks \(migrations.count - 19) migration(s), from \(migrations[19].name): run `fkp migrate` first"
            let load = try XCTUnwrap(answers.first { $0.database == behind && $0.arguments[0] == "import" })
            XCTAssertEqual(load.status, 2, load.output)
            XCTAssertTrue(load.output.contains("the database \(behind) \(pending)"), load.output)
            for answer in answers where answer.database == behind && answer.arguments[0] != "import" {
                XCTAssertFalse(answer.output.contains("migrat"), "\(answer.arguments): \(answer.output)")
            }

            let current = try Self.fkp(["export", "regions", "--region", "32"], database: url)
            XCTAssertEqual(current.status, 2, current.output)
            XCTAssertTrue(current.output.contains("--region 32: there is no such region"), current.output)
        }
    }

    /// The server works under any collation, only slower: the operator is told where they look,
    /// while the database can still be made again.
    func testMigratingADatabaseThatOrdersTextByALanguagesRulesWarnsAndStillMigrates() async throws {
        let english = try await TestPostgres.shared.emptyDatabase(textOrder: .americanEnglish)
        let warned = try Self.fkp(["migrate"], database: english)
        XCTAssertEqual(warned.status, 0, warned.output)
        XCTAssertTrue(warned.output.contains("warning"), warned.output)
        XCTAssertTrue(warned.output.contains("the database orders text by the rules of en-US, not by bytes"), warned.output)
        XCTAssertTrue(warned.output.contains("0001_audit_infrastructure.sql"), warned.output)
        let again = try Self.fkp(["migrate"], database: english)
        XCTAssertTrue(again.output.contains("is up to date") && again.output.contains("rules of en-US"), again.output)

        let bytes = try await TestPostgres.shared.emptyDatabase(textOrder: .bytes)
        let quiet = try Self.fkp(["migrate"], database: bytes)
        XCTAssertEqual(quiet.status, 0, quiet.output)
        XCTAssertFalse(quiet.output.contains("warning"), quiet.output)
    }

    /// Signed in as the server's own role, `--migrate` cannot help: the server says whose address can.
    func testTheServerSignedInAsItsOwnRoleNamesTheOwnerForAMissingMigration() async throws {
        try await withTestDatabase { _, url in
            let server = try await TestPostgres.shared.serverRoleURL(for: url)
            let sql = FileManager.default.temporaryDirectory.appendingPathComponent("fkp-sql-\(UUID().uuidString)").path
            try FileManager.default.copyItem(atPath: TestPostgres.packageRoot + "/sql", toPath: sql)
            defer { try? FileManager.default.removeItem(atPath: sql) }
            try "CREATE TABLE fkp.newer (id int);\n".write(toFile: sql + "/0999_newer.sql", atomically: true, encoding: .utf8)
            for arguments in [["serve"], ["serve", "--migrate"]] {
                let started = try Self.fkp(arguments, database: server, environment: ["PORT": "1", "FKP_SQL_DIR": sql])
                XCTAssertNotEqual(started.status, 0, started.output)
                XCTAssertTrue(started.output.contains("lacks 1 migration(s), from 0999_newer.sql"), started.output)
                XCTAssertTrue(started.output.contains("run `fkp migrate` with the owner's address"), started.output)
            }
        }
    }

    func testUserAddListAndDisableAreAuditedAndRefuseBadInput() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, SQLTest.places)
            let added = try Self.fkp(["user", "add", "bps.bogor", "--role", "bps_staff", "--region", "3201", "--password-stdin"],
                                     stdin: "Gunung Salak berkabut\n", database: url)
            XCTAssertEqual(added.status, 0, added.output)
            let weak = try Self.fkp(["user", "add", "lemah", "--role", "auditor", "--region", "3201", "--password-stdin"],
                                    stdin: "password123\n", database: url)
            XCTAssertNotEqual(weak.status, 0)
            XCTAssertTrue(weak.output.contains("the password is refused: it is one of the passwords everyone tries"), weak.output)
            let misplaced = try Self.fkp(["user", "add", "salah", "--role", "sls_head", "--region", "3201", "--password-stdin"],
                                         stdin: "Gunung Salak berkabut\n", database: url)
            XCTAssertNotEqual(misplaced.status, 0)
            XCTAssertTrue(misplaced.output.contains("The place does not fit the role"), misplaced.output)
            // Refusals the database makes are said in the words of the users page, not by constraint name.
            for (arguments, words) in [(["X", "--role", "auditor", "--region", "3201"], "User name: 3 to 40 lower-case letters"),
                                       (["baru", "--role", "facilitator", "--region", "3299010001"], "This region code is unknown."),
                                       (["tokoh.baru", "--role", "community_figure", "--region", "3201010001"], "A community figure needs a forum number."),
                                       (["bps.bogor", "--role", "auditor", "--region", "3201"], "This user name is taken."),
                                       (["tanpa.tempat", "--role", "sls_head"], "Every role but admin needs a region code."),
                                       (["penyelia", "--role", "auditor", "--region", "3201", "--supervisor"],
                                        "Only BPS staff or an admin can be a supervisor."),
                                       (["3201014501800001", "--role", "auditor", "--region", "3201"],
                                        #"The field "User name" holds a number of about 16 digits"#),
                                       (["siti", "--role", "auditor", "--region", "3201", "--display-name", "Siti NIK 3201014501800001"],
                                        #"The field "Full name" holds a number of about 16 digits"#)] {
                let refused = try Self.fkp(["user", "add"] + arguments + ["--password-stdin"], stdin: "Gunung Salak berkabut\n", database: url)
                XCTAssertNotEqual(refused.status, 0)
                XCTAssertTrue(refused.output.contains(words), "\(arguments): \(refused.output)")
                XCTAssertFalse(refused.output.contains("constraint"), refused.output)
            }

            let list = try Self.fkp(["user", "list", "--region", "3201"], database: url)
            XCTAssertTrue(list.output.contains("bps.bogor\tactive\tbps_staff@3201"), list.output)
            XCTAssertFalse(list.output.contains("salah"), "a refused account was not half-created")

            let disabled = try Self.fkp(["user", "disable", "bps.bogor", "--as", "nobody"], database: url)
            XCTAssertNotEqual(disabled.status, 0, "an unknown --as account is refused")
            let done = try Self.fkp(["user", "disable", "bps.bogor"], database: url)
            XCTAssertEqual(done.status, 0, done.output)
            XCTAssertTrue(try Self.fkp(["user", "list"], database: url).output.contains("bps.bogor\tdisabled"))
            let actions = try await SQLTest.scalar(
                db, "SELECT string_agg(DISTINCT action, ',' ORDER BY action) FROM audit.entries WHERE actor LIKE 'system:%' AND action LIKE 'user.%'",
                as: String.self)
            XCTAssertEqual(actions, "user.create,user.disable")
        }
    }

    /// An account named with --as acts with its own roles and places, as in the browser: the audit
    /// trail never records an account doing what it may not. Each refusal changes nothing.
    func testAnAccountNamedWithAsActsOnlyWithinItsRolesAndPlaces() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world)
            let state = "SELECT (SELECT count(*) FROM audit.entries) || '/' || (SELECT count(*) FROM fkp.families) || '/' || (SELECT count(*) FROM fkp.users)"
            let before = try await SQLTest.scalar(db, state, as: String.self)
            let file = FamilyCSV.columns.joined(separator: ",") + "\nF9,32010100010002,Yanti,Kp. Baru,2,1,1.5,3201010101000009,3201014501800009,,\n"
            for (arguments, stdin, refusal) in [
                (["import", "families", "-", "--as", "ketua"], file, "--as ketua: this account may not load lists"),
                (["import", "families", "-", "--as", "bps.other"], file, "line 2, column sls_code: value '32010100010002': outside your region (3202)"),
                (["rerank", "--regency", "3201", "--allow-open", "--as", "auditor"], "", "--as auditor: this account may not re-rank regency 3201"),
                (["export", "families", "--region", "3201", "--as", "ketua"], "", "--as ketua: this account may not export families of 3201"),
                (["user", "add", "kepala", "--role", "admin", "--password-stdin", "--as", "bps"], "Gunung Salak berkabut\n",
                 "--as bps: this account may not give the role admin"),
                (["user", "disable", "bps.other", "--as", "bps"], "", "--as bps: this account may not disable bps.other"),
                (["user", "disable", "bps", "--as", "bps"], "", "--as bps: this account may not disable bps"),
            ] {
                let refused = try Self.fkp(arguments, stdin: stdin, database: url)
                XCTAssertNotEqual(refused.status, 0, "\(arguments): \(refused.output)")
                XCTAssertTrue(refused.output.contains(refusal), "\(arguments): \(refused.output)")
            }
            let after = try await SQLTest.scalar(db, state, as: String.self)
            XCTAssertEqual(after, before, "a refusal changes nothing")

            // Within its places, the account does it, and is recorded as having done it.
            let loaded = try Self.fkp(["import", "families", "-", "--as", "bps"], stdin: file, database: url)
            XCTAssertEqual(loaded.status, 0, loaded.output)
            let batch = try await SQLTest.scalar(db, """
                SELECT b.actor || ' ' || e.actor_role || ' ' || e.chain FROM fkp.import_batches b
                  JOIN audit.entries e ON e.table_name = 'fkp.import_batches' AND e.row_key = b.id::text
                """, as: String.self)
            XCTAssertEqual(batch, "bps bps_staff regency:3201")
            let disabled = try Self.fkp(["user", "disable", "ketua", "--as", "bps"], database: url)
            XCTAssertEqual(disabled.status, 0, disabled.output)
        }
    }

    func testFamilyExportsAreWholeForTheOperatorAndBPSAndMaskedForOthersAndWholeOnesAreLogged() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world)
            let operatorExport = try Self.fkp(["export", "families", "--region", "3201"], database: url)
            XCTAssertEqual(operatorExport.status, 0, operatorExport.output)
            XCTAssertTrue(operatorExport.output.contains(",3201010101000001,3201014501800001,"), operatorExport.output)
            let auditorExport = try Self.fkp(["export", "families", "--region", "3201", "--as", "auditor"], database: url)
            XCTAssertTrue(auditorExport.output.contains(",3201**********01,3201**********01,"), auditorExport.output)
            XCTAssertFalse(auditorExport.output.contains("3201014501800001"))
            let logged = try await SQLTest.scalar(db, "SELECT string_agg(subject, ';') FROM audit.personal_data_access", as: String.self)
            XCTAssertEqual(logged, "region 3201 (2 families)", "the whole export is logged once; the masked one not at all")
        }
    }

    /// A generated regency of 3,000 families (more than a pipe holds) and its two files, in a
    /// folder of its own for the caller to remove.
    static func generatedFiles() throws -> (regency: SyntheticRegency, regions: String, families: String, folder: URL) {
        let regency = SyntheticRegency(.init(regency: try RegionCode("3201"), villages: 2, families: 3000, seed: 5))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fkp-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let regions = folder.appendingPathComponent("regions.csv").path, families = folder.appendingPathComponent("families.csv").path
        try regency.regionsCSV.write(toFile: regions, atomically: true, encoding: .utf8)
        try regency.familiesCSV.write(toFile: families, atomically: true, encoding: .utf8)
        return (regency, regions, families, folder)
    }

    /// `fkp export ... | head`: the reader closes the pipe early; the export stops quietly with the
    /// status of a program SIGPIPE stopped, as Unix tools do (it printed Foundation's description of
    /// a failed write, or crashed writing that to a closed standard error), and whole personal
    /// numbers that went out are logged. A full disk is said in plain words.
    func testAnExportWhoseOutputFailsStopsQuietlyOrSaysWhy() async throws {
        try await withTestDatabase { db, url in
            let (regency, regions, families, folder) = try Self.generatedFiles()
            defer { try? FileManager.default.removeItem(at: folder) }
            XCTAssertEqual(try Self.fkp(["import", "regions", regions], database: url).status, 0)
            XCTAssertEqual(try Self.fkp(["import", "families", families], database: url).status, 0)
            let fkp = TestPostgres.packageRoot + "/.build/debug/fkp"
            let environment = ["DATABASE_URL": url.urlString, "PATH": "/usr/bin:/bin"]
            for errors in ["", "2>&1"] {
                let piped = try Self.run("/bin/bash", ["-c", "'\(fkp)' export families --region 3201 \(errors) | head -c 100 > /dev/null; echo \"status ${PIPESTATUS[0]}\""],
                                         environment: environment)
                XCTAssertEqual(piped.output, "status 141\n", "standard error \(errors.isEmpty ? "apart" : "in the pipe too")")
            }
            // Any other failed write (a full disk) is said in plain words, naming the output.
            let full = try Self.fkp(["export", "families", "--region", "3201", "--out", "/dev/full"], database: url)
            XCTAssertEqual(full.status, 1)
            XCTAssertEqual(full.output, "fkp: cannot write /dev/full: No space left on device\n")
            var device = stat()
            XCTAssertEqual(stat("/dev/full", &device), 0)
            XCTAssertEqual(device.st_mode & S_IFMT, S_IFCHR, "a device named as the output is left as it was, not removed as a file cut short")
            let logged = try await SQLTest.scalar(db, "SELECT string_agg(DISTINCT subject, ';') FROM audit.personal_data_access", as: String.self)
            XCTAssertEqual(logged, "region 3201 (stopped before its end)")
            let whole = try Self.fkp(["export", "families", "--region", "3201"], database: url)
            XCTAssertEqual(whole.status, 0)
            XCTAssertEqual(whole.output, regency.familiesCSV, "the same export, read to its end")
        }
    }

    /// `fkp audit verify-import`: a batch's kept rows against its file, with the chain of its entry;
    /// another file, a file this version refuses, a batch whose entry is gone, each said plainly.
    func testVerifyImportTellsABatchAsLoadedFromOneAlteredOrUnvouchedFor() async throws {
        try await withTestDatabase { db, url in
            let (regency, regions, families, folder) = try Self.generatedFiles()
            defer { try? FileManager.default.removeItem(at: folder) }
            XCTAssertEqual(try Self.fkp(["import", "regions", regions], database: url).status, 0)
            XCTAssertEqual(try Self.fkp(["import", "families", families], database: url).status, 0)
            let intact = try Self.fkp(["audit", "verify-import", "--batch", "2", families], database: url)
            XCTAssertEqual(intact.status, 0, intact.output)
            XCTAssertEqual(intact.output, "batch 2: families from families.csv, 3000 rows, entry 1 of chain regency:3201 (1 entry: intact)\n"
                           + "the file's SHA-256 is the entry's; kept 3000 added, 0 changed, 0 removed, each as its line of the file: intact\n")
            XCTAssertEqual(try Self.fkp(["audit", "verify-import", "--batch", "1", regions], database: url).status, 0)
            // On a terminal it says how far it has come, as an import does.
            let command = "\(TestPostgres.packageRoot)/.build/debug/fkp audit verify-import --batch 2 \(families)"
            let onATerminal = try Self.run("/usr/bin/script", ["-qec", command, "/dev/null"],
                                           environment: ["DATABASE_URL": url.urlString, "PATH": "/usr/bin:/bin", "TERM": "dumb"])
            XCTAssertTrue(onATerminal.output.contains("3000 rows read in "), onATerminal.output)
            XCTAssertTrue(onATerminal.output.contains("each as its line of the file: intact"), onATerminal.output)
            let other = try Self.fkp(["audit", "verify-import", "--batch", "2", regions], database: url)
            XCTAssertEqual(other.status, 1)
            XCTAssertTrue(other.output.contains("fkp: \(regions) is not the file batch 2 loaded: its SHA-256 is "), other.output)
            XCTAssertFalse(other.output.contains("intact\n"), "no verdict on rows not compared")
            XCTAssertEqual(try Self.fkp(["audit", "verify-import", "--batch", "9", families], database: url).output, "fkp: there is no import batch 9\n")
            XCTAssertEqual(try Self.fkp(["audit", "verify-import", "--batch", "2", "-"], database: url).status, 2)
            // A kept row altered: named, and the whole is BROKEN.
            let first = try XCTUnwrap(regency.familiesCSV.split(separator: "\n").dropFirst().first?.split(separator: ",").first)
            try await SQLTest.tamper(db, ["UPDATE audit.imported_families SET members = 99 WHERE family_id = '\(first)'"])
            let altered = try Self.fkp(["audit", "verify-import", "--batch", "2", families], database: url)
            XCTAssertEqual(altered.status, 1)
            XCTAssertTrue(altered.output.contains("fkp: family \(first): kept as added from line 2; the file's line differs in members\n"), altered.output)
            XCTAssertTrue(altered.output.hasSuffix("not as the file and the entry say: BROKEN\n"), altered.output)
            // The entry made to name a file this version refuses: the chain breaks, and the rows are not compared.
            let broken = folder.appendingPathComponent("broken.csv").path
            try "family_id\n".write(toFile: broken, atomically: true, encoding: .utf8)
            let brokenSHA = try await ImportBatchVerifier.sha256(of: try FileChunks(path: broken))
            try await SQLTest.tamper(db, ["""
                UPDATE audit.entries SET new_row = jsonb_set(new_row::jsonb, '{sha256}', to_jsonb('\(brokenSHA)'::text))::json
                 WHERE table_name = 'fkp.import_batches' AND row_key = '2'
                """])
            let refused = try Self.fkp(["audit", "verify-import", "--batch", "2", broken], database: url)
            XCTAssertEqual(refused.status, 1)
            XCTAssertTrue(refused.output.contains("(1 entry: BROKEN)"), refused.output)
            XCTAssertTrue(refused.output.contains("is the file batch 2 loaded (its SHA-256 is the entry's), but this version of fkp refuses it, "
                                                  + "so the kept rows were not compared (8 problems):\nline 1, column sls_code"), refused.output)
            // The entry gone: nothing vouches for the batch.
            try await SQLTest.tamper(db, ["DELETE FROM audit.entries WHERE table_name = 'fkp.import_batches' AND row_key = '2'"])
            let unvouched = try Self.fkp(["audit", "verify-import", "--batch", "2", families], database: url)
            XCTAssertEqual(unvouched.status, 1)
            XCTAssertEqual(unvouched.output, "fkp: import batch 2 has no entry in the audit trail: what it loaded cannot be vouched for\nbatch 2: BROKEN\n")
        }
    }

    /// On a terminal an import says how much of the file it has read, then what the database is
    /// doing (a large import spends most of its time after the last byte is read); elsewhere it
    /// says only the result. `script` gives the command a terminal of its own.
    func testAnImportOnATerminalShowsItsProgressAndItsStages() async throws {
        try await withTestDatabase { db, url in
            let (_, regions, families, folder) = try Self.generatedFiles()
            defer { try? FileManager.default.removeItem(at: folder) }
            let fkp = TestPostgres.packageRoot + "/.build/debug/fkp"
            func onATerminal(_ arguments: String, typed: String = "") throws -> (status: Int32, output: String) {
                try Self.run("/usr/bin/script", ["-qec", "\(fkp) \(arguments)", "/dev/null"], stdin: typed,
                             environment: ["DATABASE_URL": url.urlString, "PATH": "/usr/bin:/bin", "TERM": "dumb"])
            }
            XCTAssertEqual(try onATerminal("import regions \(regions)").status, 0)
            // `-` on a terminal: the command says it is waiting for the list, and reads what is typed.
            let typed = try onATerminal("import regions - --check", typed: "code,name,level\n3201,Kabupaten Contoh,regency\n")
            XCTAssertEqual(typed.status, 0, typed.output)
            XCTAssertTrue(typed.output.contains("fkp: reading the regions list from the terminal: paste it, then end it with Ctrl-D"), typed.output)
            XCTAssertTrue(typed.output.contains("1 row read in "), typed.output)
            XCTAssertTrue(typed.output.contains("Checked, no problem: 1 row; loading it would add 0, change 1"), typed.output)
            XCTAssertTrue(typed.output.contains("\n  3201 Kabupaten Contoh 3201: renamed Kabupaten Contoh\r\n"), typed.output)
            let checked = try onATerminal("import families \(families) --check")
            XCTAssertEqual(checked.status, 0, checked.output)
            XCTAssertTrue(checked.output.contains("3000 rows, "), checked.output)
            XCTAssertTrue(checked.output.contains("100% of the file read\u{1B}[K"), checked.output)
            XCTAssertTrue(checked.output.contains("\r3000 rows read in "), checked.output)
            XCTAssertTrue(checked.output.contains(" s; checking them against the database\u{1B}[K"), checked.output)
            XCTAssertFalse(checked.output.contains(" s; loading them"), "a check loads nothing: \(checked.output)")
            XCTAssertTrue(checked.output.contains("Checked, no problem: 3000 rows; loading them would add 3000"), checked.output)
            let loaded = try onATerminal("import families \(families)")
            XCTAssertEqual(loaded.status, 0, loaded.output)
            XCTAssertTrue(loaded.output.contains(" s; loading them\u{1B}[K"), loaded.output)
            XCTAssertTrue(loaded.output.contains("Import batch "), loaded.output)
            // Not on a terminal (a pipe, a log file): the result alone.
            let piped = try Self.fkp(["import", "families", families], database: url)
            XCTAssertTrue(piped.output.hasPrefix("3000 rows, the same as already loaded; nothing changed (sha256 "), piped.output)
            let checkedAgain = try Self.fkp(["import", "families", families, "--check"], database: url)
            XCTAssertTrue(checkedAgain.output.hasPrefix("Checked, no problem: 3000 rows, the same as already loaded; nothing changed (sha256 "),
                          checkedAgain.output)
            XCTAssertFalse(piped.output.contains("\r") || piped.output.contains("of the file read"), piped.output)
            // A check names the units it would empty, and those it does not list that it would take a family from.
            let lines = try String(contentsOfFile: families, encoding: .utf8).split(separator: "\n").map(String.init)
            let first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let otherUnit = lines.dropFirst().lazy.map { $0.split(separator: ",")[1] }.first { $0 != first[1] }!
            let moved = ([first[0], String(otherUnit)] + first.dropFirst(2)).joined(separator: ",")
            let taking = try Self.fkp(["import", "families", "-", "--check"], stdin: lines[0] + "\n" + moved + "\n", database: url)
            XCTAssertEqual(taking.status, 0, taking.output)
            XCTAssertTrue(taking.output.contains("\n  \(otherUnit) "), taking.output)
            XCTAssertTrue(taking.output.contains("families removed\n"), taking.output)
            XCTAssertTrue(taking.output.contains("\n  \(first[1]) "), taking.output)
            XCTAssertTrue(taking.output.contains(", not in the file: 1 family would move from it to the file's units (its family id is in the file)\n"),
                          taking.output)
            // And the families sharing a family card number, by id and line, never by the number.
            // (Counted from the end: an address may hold a comma.)
            let second = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let card = first[first.count - 4]
            let sharing = (second.dropLast(4) + [card] + second.suffix(3)).joined(separator: ",")
            let shared = try Self.fkp(["import", "families", "-", "--check"], stdin: lines[0] + "\n" + lines[1] + "\n" + sharing + "\n", database: url)
            XCTAssertEqual(shared.status, 0, shared.output)
            XCTAssertTrue(shared.output.hasSuffix("\n  1 family card number held by more than one family of the regency (not refused; "
                                                  + "a forum can mark a duplicate):\n    \(first[0]) (line 2), \(second[0]) (line 3)\n"), shared.output)
            XCTAssertFalse(shared.output.contains(card), "the number itself is never said")
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.families", as: Int64.self)
            XCTAssertEqual(count, 3000)
            // Loaded, it says the same of what it did.
            let took = try Self.fkp(["import", "families", "-"], stdin: lines[0] + "\n" + moved + "\n", database: url)
            XCTAssertEqual(took.status, 0, took.output)
            XCTAssertTrue(took.output.hasPrefix("Import batch "), took.output)
            XCTAssertTrue(took.output.contains("families removed\n"), took.output)
            XCTAssertTrue(took.output.contains("\n  \(first[1]) "), took.output)
            XCTAssertTrue(took.output.contains(", not in the file: 1 family moved from it to the file's units (its family id is in the file)\n"),
                          took.output)
            let unit = try await SQLTest.scalar(db, "SELECT sls_code FROM fkp.families WHERE id = '\(first[0])'", as: String.self)
            XCTAssertEqual(unit, String(otherUnit))
        }
    }

    func testRerankRefusesWhileForumsAreOpenAndTwoRunsOnTheSameInputsGiveTheSameBytes() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world + SQLTest.advance(to: .readyToClose) + SQLTest.close())
            let refused = try Self.fkp(["rerank", "--regency", "3201"], database: url)
            XCTAssertEqual(refused.status, 3)
            XCTAssertTrue(refused.output.contains("forums that are not closed: 2"), refused.output)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let first = try Self.fkp(["rerank", "--regency", "3201", "--allow-open", "--out", directory.path + "/a.csv"], database: url)
            let second = try Self.fkp(["rerank", "--regency", "3201", "--allow-open", "--out", directory.path + "/b.csv"], database: url)
            XCTAssertEqual(first.status, 0, first.output)
            XCTAssertTrue(first.output.contains("run 1 (provisional): 2 families ranked, 0 left the list"), first.output)
            let a = try Data(contentsOf: directory.appendingPathComponent("a.csv"))
            let b = try Data(contentsOf: directory.appendingPathComponent("b.csv"))
            XCTAssertEqual(a, b, "same inputs, same bytes")
            XCTAssertEqual(first.output.replacingOccurrences(of: "run 1", with: "run 2"), second.output, "same input and output hashes")
            let exported = try Self.fkp(["export", "final", "--regency", "3201"], database: url)
            XCTAssertEqual(exported.status, 0)
            XCTAssertEqual(exported.output, String(decoding: b, as: UTF8.self), "the export is the stored list of the latest run")
            let audited = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE table_name = 'fkp.rerank_runs'", as: Int64.self)
            XCTAssertEqual(audited, 2)

            // A list loaded afterwards (forum 2's unit, only planned) is said to be missing from the latest run.
            let list = directory.appendingPathComponent("keluarga.csv")
            try (FamilyCSV.columns.joined(separator: ",") + "\nG1,32010100020001,Budi,Kp. Baru,3,2,4.5,3201010101000009,3201014501800009,,\n")
                .write(to: list, atomically: true, encoding: .utf8)
            let loaded = try Self.fkp(["import", "families", list.path], database: url)
            XCTAssertEqual(loaded.status, 0, loaded.output)
            XCTAssertTrue(loaded.output.contains("Re-ranking run 2 of Bogor (3201, provisional) was made before this list and does not hold it: "
                                                 + "run fkp rerank --regency 3201 again before its list is used."), loaded.output)
        }
    }
}
