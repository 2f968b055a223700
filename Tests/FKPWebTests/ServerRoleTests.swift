import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import PostgresNIO
import XCTest

/// The server signed in to the database as a member of its own role (`ServerRole`), not as the
/// schema's owner: a forum runs whole, and the role can change no history.
final class ServerRoleTests: XCTestCase {
    func testAForumRunsWholeWhenTheServerSignsInAsItsOwnRole() async throws {
        try await WebTest.withApp(seed: SiteCrawlTests.seed) { client, db in
            // Verdicts, an added family, challenges raised and decided, a forum closed with its minutes.
            try await SiteCrawlTests.fillForum(client)
            let signedIn = try await SQLTest.scalar(db, """
                SELECT string_agg(DISTINCT usename, ',') FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user
                """, as: String.self)
            XCTAssertEqual(signedIn, "fkp_web_\(getpid())", "the server's connections are the role's")
            var problems: [String] = []
            for person in TestAccounts.people {
                let (_, found) = try await SiteCrawlTests.crawl(client, as: person.username, language: "id")
                problems += found.map { "\(person.username): \($0)" }
            }
            XCTAssertEqual(problems, [], "every page of every role answers")
            // Written beside the request's answer, their failures only logged: counted here.
            for log in ["audit.security_events", "audit.personal_data_access"] {
                let kept = try await SQLTest.scalar(db, "SELECT count(*) FROM \(log)", as: Int64.self)
                XCTAssertGreaterThan(kept ?? 0, 0, "\(log) holds what the server logged")
            }

            var staff = try await ImportUploadTests.staffOnImportPage(client)
            _ = try await staff.upload("/imports/regions", fileName: "wilayah.csv", content: ImportUploadTests.regions)
            let loaded = try await staff.upload("/imports/families", fileName: "keluarga.csv", content: ImportUploadTests.families)
            XCTAssertEqual(loaded.status, .seeOther, "a list is loaded, its rows kept for the audit")

            var auditor = TestBrowser(client)
            try await auditor.login("auditor", TestAccounts.password)
            let page = try await auditor.get("/audit?forum=1")
            let link = try XCTUnwrap(page.text.range(of: #"/audit/export\?forum=1&amp;format=jsonl&amp;until=\d+"#, options: .regularExpression))
            let export = try await auditor.get(String(page.text[link]).replacingOccurrences(of: "&amp;", with: "&"))
            XCTAssertEqual(export.status, .ok)
            let entries = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE chain = 'forum:1'", as: Int64.self)
            XCTAssertEqual(export.text.split(separator: "\n").count, Int(try XCTUnwrap(entries)), "the forum's whole history is exported")

            let verification = try await AuditRepository(database: db).verify()
            XCTAssertEqual(verification.problems, [])
            let batches = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.import_batches", as: Int64.self)
            XCTAssertEqual(batches, 2)
        }
    }

    /// docs/operations.md: the commands an operator runs on the server work with either address.
    func testTheOperatorsCommandsWorkWithTheRolesAddress() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world + SQLTest.advance(to: .readyToClose) + SQLTest.close())
            let role = try await TestPostgres.shared.serverRoleURL(for: url)
            let folder = try AuditExportTests.Folder()
            defer { folder.remove() }
            func fkp(_ arguments: [String], stdin: String = "") throws -> String {
                let run = try CommandLineTests.fkp(arguments, stdin: stdin, database: role, environment: folder.environment)
                XCTAssertEqual(run.status, 0, "\(arguments): \(run.output)")
                return run.output
            }
            XCTAssertTrue(try fkp(["rerank", "--regency", "3201", "--allow-open", "--out", folder.path + "/final.csv"]).contains("2 families ranked"))
            XCTAssertEqual(try fkp(["export", "final", "--regency", "3201"]), try String(contentsOfFile: folder.path + "/final.csv", encoding: .utf8))
            XCTAssertTrue(try fkp(["import", "regions", "-"], stdin: ImportUploadTests.regions).contains("2 added"))
            XCTAssertTrue(try fkp(["import", "families", "-", "--check"], stdin: ImportUploadTests.families)
                .contains("Checked, no problem: 2 rows; loading them would add 2, change 0 and remove 0"))
            XCTAssertTrue(try fkp(["import", "families", "-"], stdin: ImportUploadTests.families).contains("2 added"), "a check loaded nothing")
            XCTAssertTrue(try fkp(["export", "families", "--region", "3201010003"]).contains("U1,32010100030001,"))
            _ = try fkp(["user", "add", "auditor.baru", "--role", "auditor", "--region", "3201", "--password-stdin"],
                        stdin: "Gunung Salak berkabut\n")
            XCTAssertTrue(try fkp(["user", "list", "--region", "3201"]).contains("auditor.baru\tactive\tauditor@3201"))
            let export = folder.path + "/3201.jsonl"
            _ = try fkp(["audit", "export", "--region", "3201", "--format", "jsonl", "--out", export])
            XCTAssertTrue(try fkp(["audit", "verify-export", export]).contains("intact"))
            XCTAssertTrue(try fkp(["audit", "verify"]).contains("intact"))
            let actions = try await SQLTest.scalar(db, """
                SELECT string_agg(DISTINCT action, ',' ORDER BY action) FROM audit.entries
                 WHERE action IN ('rerank.run', 'import.regions', 'import.families', 'user.create')
                """, as: String.self)
            XCTAssertEqual(actions, "import.families,import.regions,rerank.run,user.create", "each write went through the audited path")
        }
    }

    func testTheServersRoleCanChangeNoHistoryNorTheSchema() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, SiteCrawlTests.seed)
            let server = try await TestPostgres.shared.serverRoleURL(for: url)
            try await PostgresClient.with(server, logger: TestPostgres.logger, maximumConnections: 1) { client in
                for statement in [
                    "UPDATE audit.entries SET reason = 'rewritten' WHERE id = (SELECT min(id) FROM audit.entries)",
                    "DELETE FROM audit.entries WHERE id = (SELECT max(id) FROM audit.entries)",
                    "DELETE FROM audit.chain_heads",
                    "TRUNCATE audit.imported_families",
                    "INSERT INTO audit.entries (chain, seq, prev_hash, hash, occurred_at, txid, actor, actor_role, action, table_name, operation) "
                        + "VALUES ('forum:1', 999, 'x', 'y', now(), 1, 'forger', 'admin', 'x', 'x', 'INSERT')",
                    "ALTER TABLE fkp.families DISABLE TRIGGER audit_capture_row",
                    "ALTER TABLE audit.entries DISABLE TRIGGER USER",
                    "SET session_replication_role = replica",
                    "CREATE TABLE fkp.shadow (id int)",
                    "DROP TRIGGER audit_capture_row ON fkp.families",
                ] {
                    do {
                        _ = try await client.query(PostgresQuery(unsafeSQL: statement), logger: TestPostgres.logger)
                        XCTFail("the server's role was allowed: \(statement)")
                    } catch let error as PSQLError {
                        let message = error.serverInfo?[.message] ?? "\(error)"
                        XCTAssertTrue(message.contains("permission denied") || message.contains("must be owner"), "\(statement): \(message)")
                    }
                }
            }
            let verification = try await AuditRepository(database: db).verify()
            XCTAssertEqual(verification.problems, [])
        }
    }

    /// What the role is given follows the schema: every domain table, and of the audit tables only
    /// those the server adds to itself. A new audit table the server writes must be named in `ServerRole`.
    func testTheRoleIsGivenEveryDomainTableAndOnlyTheAuditTablesTheServerWrites() async throws {
        try await withTestDatabase { db, url in
            _ = try await TestPostgres.shared.serverRoleURL(for: url)
            let rows = try await db.client.query("""
                SELECT n.nspname || '.' || c.relname,
                       has_table_privilege(\(ServerRole.name), c.oid, 'SELECT'), has_table_privilege(\(ServerRole.name), c.oid, 'INSERT'),
                       has_table_privilege(\(ServerRole.name), c.oid, 'UPDATE'), has_table_privilege(\(ServerRole.name), c.oid, 'DELETE'),
                       has_table_privilege(\(ServerRole.name), c.oid, 'TRUNCATE')
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN ('fkp', 'audit', 'runtime') AND c.relkind IN ('r', 'p')
                 ORDER BY 1
                """, logger: TestPostgres.logger)
            var auditInserts: [String] = []
            var tables = 0
            for try await (table, select, insert, update, delete, truncate) in rows.decode((String, Bool, Bool, Bool, Bool, Bool).self) {
                tables += 1
                XCTAssertTrue(select, "\(table) can be read")
                XCTAssertFalse(truncate, "\(table) cannot be emptied at once")
                if table.hasPrefix("audit.") {
                    if insert { auditInserts.append(table) }
                    XCTAssertFalse(update || delete, "\(table) cannot be changed")
                } else {
                    XCTAssertTrue(insert && update && delete, "\(table) is written by the server")
                }
            }
            XCTAssertGreaterThan(tables, 20)
            XCTAssertEqual(auditInserts, ServerRole.auditTablesWritten.sorted())
        }
    }
}
