import FKPCore
@testable import FKPStore
import FKPTestSupport
import PostgresNIO
import XCTest

/// Every change is recorded, nothing is recorded twice or can be erased, and the record proves itself.
final class AuditTrailTests: XCTestCase {
    static func tables(_ db: Database, schema: String) async throws -> [String] {
        let rows = try await db.client.query(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = \(schema) AND c.relkind IN ('r', 'p') ORDER BY 1",
            logger: db.logger)
        var names: [String] = []
        for try await name in rows.decode(String.self) { names.append(name) }
        return names
    }

    static func triggers(_ db: Database, on table: String) async throws -> Set<String> {
        let rows = try await db.client.query(
            "SELECT tgname FROM pg_trigger WHERE tgrelid = \(table)::regclass AND NOT tgisinternal", logger: db.logger)
        var names: Set<String> = []
        for try await name in rows.decode(String.self) { names.insert(name) }
        return names
    }

    /// Introspects the catalog, so a table added later without audit.attach() fails here.
    func testEveryDomainTableIsAuditedAndEveryLogIsAppendOnly() async throws {
        try await withTestDatabase { db, _ in
            let domain = try await Self.tables(db, schema: "fkp")
            XCTAssertGreaterThanOrEqual(domain.count, 18)
            for table in domain {
                let found = try await Self.triggers(db, on: "fkp.\(table)")
                XCTAssertTrue(found.isSuperset(of: ["audit_require_context", "audit_capture_row", "audit_refuse_truncate"]),
                              "fkp.\(table) is not under the audited write path (call audit.attach in its migration)")
            }
            for table in try await Self.tables(db, schema: "audit") where table != "chain_heads" {
                let found = try await Self.triggers(db, on: "audit.\(table)")
                XCTAssertTrue(found.isSuperset(of: ["append_only_rows", "append_only_truncate"]), "audit.\(table) is not append-only")
            }
            let runtime = try await Self.tables(db, schema: "runtime")
            // Sessions, login throttling, and counts derived from fkp.families (removed by any write to them).
            XCTAssertEqual(runtime, ["login_failures", "regency_family_counts", "sessions"],
                           "runtime holds only non-domain state; audit anything else")
            let publicTables = try await Self.tables(db, schema: "public")
            XCTAssertEqual(publicTables, ["schema_migrations"])
            let rows = try await db.client.query("""
                SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                 ORDER BY 1
                """, logger: db.logger)
            var schemas: [String] = []
            for try await name in rows.decode(String.self) { schemas.append(name) }
            XCTAssertEqual(schemas, ["audit", "fkp", "public", "runtime"])
        }
    }

    func testAWriteWithoutADeclaredActorIsRefused() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1")])
            await SQLTest.assertRefused("unaudited write") { try await SQLTest.undeclared(db, "UPDATE fkp.families SET members = 5") }
            await SQLTest.assertRefused("unaudited write") {
                try await SQLTest.undeclared(db, "UPDATE fkp.families SET members = 5 WHERE id = 'no such family'")
            }
            await SQLTest.assertRefused("unaudited write") { try await SQLTest.undeclared(db, "DELETE FROM fkp.families") }
            await SQLTest.assertRefused("unaudited write") {
                try await SQLTest.undeclared(db, "INSERT INTO fkp.users (username, display_name) VALUES ('siti', 'Siti')")
            }
            await SQLTest.assertRefused("TRUNCATE on fkp.minutes is refused") { try await SQLTest.undeclared(db, "TRUNCATE fkp.minutes") }
            // A declaration ends with its transaction: the next one must declare again.
            await SQLTest.assertRefused("unaudited write") { try await SQLTest.undeclared(db, "UPDATE fkp.families SET members = 6") }
            let members = try await SQLTest.scalar(db, "SELECT members FROM fkp.families", as: Int32.self)
            XCTAssertEqual(members, 4)
        }
    }

    func testTheAuditTableRefusesUpdateDeleteAndTruncate() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            await SQLTest.assertRefused("append-only") { try await SQLTest.undeclared(db, "UPDATE audit.entries SET actor = 'nobody'") }
            await SQLTest.assertRefused("append-only") { try await SQLTest.undeclared(db, "DELETE FROM audit.entries") }
            await SQLTest.assertRefused("append-only") { try await SQLTest.undeclared(db, "TRUNCATE audit.entries CASCADE") }
            await SQLTest.assertRefused("append-only") { try await SQLTest.write(db, ["DELETE FROM audit.entries WHERE seq = 1"]) }
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries", as: Int64.self)
            XCTAssertEqual(count, 9)
        }
    }

    func testAuditorsChangeNothingAndAWriteCannotClaimAnotherForum() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1")] + SQLTest.forum() + SQLTest.advance(to: .reviewing))
            await SQLTest.assertRefused("auditors change nothing") {
                try await SQLTest.write(db, role: "auditor", ["UPDATE fkp.families SET members = 2"])
            }
            await SQLTest.assertRefused("declared forum 2") {
                try await SQLTest.write(db, forum: 2, ["INSERT INTO fkp.reviews (forum_id, family_id, verdict) VALUES (1, 'F1', 'sesuai')"])
            }
        }
    }

    func testAnEntryRecordsWhoWhatWhyAndTheOldAndNewValuesWithoutPersonalNumbers() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1")])
            _ = try await db.write(WriteContext(actor: "bps.bogor", role: .bpsStaff, action: "family.correct",
                                            reason: "salah ketik jumlah anggota", regionCode: "3201", requestID: "req-1")) { connection in
                try await connection.query("UPDATE fkp.families SET members = 5 WHERE id = 'F1'", logger: db.logger)
            }
            let entries = try await AuditRepository(database: db).entries(chain: "regency:3201")
            let entry = try XCTUnwrap(entries.last)
            XCTAssertEqual(entry.actor, "bps.bogor")
            XCTAssertEqual(entry.actorRole, "bps_staff")
            XCTAssertEqual(entry.action, "family.correct")
            XCTAssertEqual(entry.reason, "salah ketik jumlah anggota")
            XCTAssertEqual(entry.operation, "UPDATE")
            XCTAssertEqual(entry.rowKey, "F1")
            XCTAssertTrue(entry.oldRow?.contains(#""members": 4"#) == true)
            XCTAssertTrue(entry.newRow?.contains(#""members": 5"#) == true)
            let leaked = try await SQLTest.scalar(
                db, "SELECT count(*) FROM audit.entries WHERE old_row::text LIKE '%3201014501800001%' OR new_row::text LIKE '%3201014501800001%'",
                as: Int64.self)
            XCTAssertEqual(leaked, 0, "personal numbers never enter the hashed record")
            let commitmentHolds = try await SQLTest.scalar(db, """
                SELECT bool_and(e.new_row ->> p.column_name = 'pii:' || encode(sha256(convert_to(p.salt || ':' || p.value, 'UTF8')), 'hex'))
                  FROM audit.personal_values p JOIN audit.entries e ON e.id = p.entry_id WHERE p.side = 'new'
                """, as: Bool.self)
            XCTAssertEqual(commitmentHolds, true)
        }
    }

    /// The row key of a table keyed by several columns is their values in key order joined by '/';
    /// a chain's first entry starts from the zero hash, and each next one links to the one before.
    func testARowKeyedBySeveralColumnsIsRecordedUnderItsJoinedKeyAndANewChainStartsFromZero() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1")] + SQLTest.forum() + SQLTest.advance(to: .reviewing))
            try await SQLTest.write(db, forum: 1, ["INSERT INTO fkp.reviews (forum_id, family_id, verdict) VALUES (1, 'F1', 'sesuai')"])
            let rows = try await db.client.query("""
                SELECT table_name, row_key, seq, prev_hash, hash FROM audit.entries WHERE chain = 'forum:1' ORDER BY seq
                """, logger: db.logger)
            var entries: [(table: String, key: String?, seq: Int64, previous: String, hash: String)] = []
            for try await entry in rows.decode((String, String?, Int64, String, String).self) { entries.append(entry) }
            XCTAssertEqual(entries.first { $0.table == "fkp.forum_units" }?.key, "1/32010100010001")
            XCTAssertEqual(entries.last?.table, "fkp.reviews")
            XCTAssertEqual(entries.last?.key, "1/F1")
            XCTAssertEqual(entries.map(\.seq), Array(1...Int64(entries.count)))
            XCTAssertEqual(entries.first?.previous, String(repeating: "0", count: 64))
            XCTAssertEqual(entries.dropFirst().map(\.previous), entries.dropLast().map(\.hash))
            let head = try await SQLTest.scalar(db, "SELECT seq FROM audit.chain_heads WHERE chain = 'forum:1'", as: Int64.self)
            XCTAssertEqual(head, Int64(entries.count))
        }
    }

    func testSwiftAndTheDatabaseComputeTheSameCanonicalTextAndTheChainVerifies() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F2", rank: 2)] + SQLTest.forum())
            let rows = try await db.client.query("SELECT chain, seq, audit.canonical_text(e) FROM audit.entries e ORDER BY id", logger: db.logger)
            var fromDatabase: [String: String] = [:]
            for try await (chain, seq, text) in rows.decode((String, Int64, String).self) { fromDatabase["\(chain)#\(seq)"] = text }
            let repository = AuditRepository(database: db)
            for chain in ["national", "forum:1"] {
                for entry in try await repository.entries(chain: chain) {
                    XCTAssertEqual(AuditHashing.canonicalText(entry), fromDatabase["\(entry.chain)#\(entry.seq)"])
                    XCTAssertEqual(AuditHashing.hash(entry), entry.hash)
                }
            }
            let verification = try await repository.verify()
            XCTAssertTrue(verification.isValid, "\(verification.problems)")
            XCTAssertEqual(verification.chains, 2)
        }
    }

    /// Tampering as a superuser who switches triggers off: each kind is caught by the verifier.
    func testTamperingBehindTheTriggersIsDetected() async throws {
        let cases: [(name: String, sql: String, expected: String)] = [
            ("changed", "UPDATE audit.entries SET actor = 'someone else' WHERE chain = 'national' AND seq = 3", "entry 3: changed"),
            ("deleted", "DELETE FROM audit.entries WHERE chain = 'national' AND seq = 4", "entry 4 is missing"),
            ("deleted last", "DELETE FROM audit.entries WHERE chain = 'national' AND seq = 9", "entries 9...9 are missing"),
            ("inserted", """
                INSERT INTO audit.entries (chain, seq, prev_hash, hash, occurred_at, txid, actor, actor_role, action, table_name, operation)
                SELECT chain, 10, hash, hash, occurred_at, txid, 'forger', 'admin', 'forge', table_name, 'DELETE'
                  FROM audit.entries WHERE chain = 'national' AND seq = 9
                """, "entry 10: changed"),
        ]
        for tamper in cases {
            try await withTestDatabase { db, _ in
                try await SQLTest.write(db, SQLTest.places)
                try await SQLTest.tamper(db, [tamper.sql])
                let verification = try await AuditRepository(database: db).verify()
                XCTAssertFalse(verification.isValid, "\(tamper.name) went unnoticed")
                XCTAssertTrue(verification.problems.joined().contains(tamper.expected), "\(tamper.name): \(verification.problems)")
            }
        }
    }

    /// All entries are read in two halves of their ids at once: every entry is read once, and a
    /// break is found wherever it lies, the entry where the second half begins included.
    func testEveryEntryIsVerifiedWhicheverHalfOfTheIdsItFallsIn() async throws {
        for tampering in ["UPDATE audit.entries SET reason = 'diubah' WHERE id = $1",
                          "UPDATE audit.entries SET prev_hash = repeat('0', 64) WHERE id = $1",
                          "DELETE FROM audit.entries WHERE id = $1"] {
            try await withTestDatabase { db, _ in
                try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1", rank: 1)] + SQLTest.forum() + SQLTest.advance(to: .reviewing))
                let chains = try await Self.texts(db, "SELECT DISTINCT chain FROM audit.entries ORDER BY 1")
                let stored = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries", as: Int64.self)
                let intact = try await AuditRepository(database: db).verify()
                XCTAssertTrue(intact.isValid, "\(intact.problems)")
                XCTAssertEqual(intact.entries, stored)
                XCTAssertEqual(intact.chains, chains.count)
                // The first entry of the second half, as the verify cuts them.
                let cut = try await SQLTest.scalar(db, "SELECT min(id) + (max(id) - min(id) + 1) / 2 FROM audit.entries", as: Int64.self) ?? 0
                let place = try await Self.texts(db, "SELECT chain || ' ' || seq FROM audit.entries WHERE id = \(cut)")
                let (chain, seq) = (place.first?.split(separator: " ").first ?? "", place.first?.split(separator: " ").last ?? "")
                XCTAssertGreaterThan(Int(seq) ?? 0, 1, "the cut falls inside a chain")
                try await SQLTest.tamper(db, [tampering.replacingOccurrences(of: "$1", with: String(cut))])
                let expected = tampering.hasPrefix("DELETE")
                    ? "chain \(chain): entry \(seq) is missing or out of place (next found is \((Int(seq) ?? 0) + 1))"
                    : "chain \(chain), entry \(seq): changed"
                let verification = try await AuditRepository(database: db).verify()
                XCTAssertTrue(verification.problems.first?.hasPrefix(expected) == true, "\(tampering): \(verification.problems)")
                XCTAssertEqual(verification.problems.count, 1, "\(verification.problems)")
                let alone = try await AuditRepository(database: db).verify(chain: String(chain))
                XCTAssertEqual(alone.problems, verification.problems, "one chain verified alone is reported the same")
            }
        }
    }

    /// All entries are read in groups of consecutive ids (`AuditRepository.entriesPerRow` to a row):
    /// every entry is read once whatever gaps the ids have (a write rolled back leaves the ids it drew
    /// unused), the groups on either side of the cut between the halves included.
    func testEveryEntryIsReadOnceWhateverGapsTheIdsHave() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places)
            for round in 0..<4 {
                let unused = round * (AuditRepository.entriesPerRow - 9) + 1  // 1, 24, 47, 70: within a group and past one
                _ = try await SQLTest.scalar(db, "SELECT max(nextval('audit.entries_id_seq')) FROM generate_series(1, \(unused))", as: Int64.self)
                try await SQLTest.write(db, (1...40).map { SQLTest.family("F\(round)-\($0)", rank: round * 40 + $0) })
            }
            let stored = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries", as: Int64.self) ?? 0
            let span = try await SQLTest.scalar(db, "SELECT max(id) - min(id) + 1 FROM audit.entries", as: Int64.self) ?? 0
            XCTAssertGreaterThan(stored, Int64(4 * AuditRepository.entriesPerRow))
            XCTAssertEqual(span - stored, 142, "the gaps are there")

            let verification = try await AuditRepository(database: db).verify()
            XCTAssertTrue(verification.isValid, "\(verification.problems)")
            XCTAssertEqual(verification.entries, stored)
        }
    }

    /// Entries are checked in the order they were written (by id), which is each chain's order: a
    /// chain's numbers swapped behind the triggers are found out of place, the same whether all
    /// chains are verified or that one alone.
    func testEntriesAreCheckedInTheOrderTheyWereWritten() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1", rank: 1)] + SQLTest.forum() + SQLTest.advance(to: .reviewing))
            let inOrder = try await SQLTest.scalar(db, """
                SELECT bool_and(seq = number) FROM (SELECT seq, row_number() OVER (PARTITION BY chain ORDER BY id) AS number FROM audit.entries) e
                """, as: Bool.self)
            XCTAssertEqual(inOrder, true, "within a chain, ids follow the numbers")
            try await SQLTest.tamper(db, [
                "ALTER TABLE audit.entries DROP CONSTRAINT entries_chain_seq_key",
                "UPDATE audit.entries SET seq = CASE seq WHEN 2 THEN 3 ELSE 2 END WHERE chain = 'forum:1' AND seq IN (2, 3)",
            ])
            let all = try await AuditRepository(database: db).verify()
            let alone = try await AuditRepository(database: db).verify(chain: "forum:1")
            XCTAssertEqual(all.problems, ["chain forum:1: entry 2 is missing or out of place (next found is 3)"])
            XCTAssertEqual(alone.problems, all.problems)
        }
    }

    static func texts(_ db: Database, _ sql: PostgresQuery) async throws -> [String] {
        var found: [String] = []
        for try await text in try await db.client.query(sql, logger: db.logger).decode(String.self) { found.append(text) }
        return found
    }

    /// 8 writers × 200 audited writes to one forum leave one chain with no fork and no gap.
    func testConcurrentWritersToOneForumLeaveOneUnforkedChain() async throws {
        try await withTestDatabase { db, _ in
            let families = (1...8).map { SQLTest.family("F\($0)", rank: $0) }
            try await SQLTest.write(db, SQLTest.places + families + SQLTest.forum() + SQLTest.advance(to: .reviewing))
            let before = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE chain = 'forum:1'", as: Int64.self) ?? 0
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 1...8 {
                    group.addTask {
                        let context = WriteContext(actor: "writer\(writer)", role: .slsHead, action: "review.verdict", forumID: 1)
                        for n in 0..<200 {
                            try await db.write(context) { connection in
                                let verdict = n % 2 == 0 ? "sesuai" : "tidak_berpendapat"
                                try await connection.query("""
                                    INSERT INTO fkp.reviews (forum_id, family_id, verdict) VALUES (1, \("F\(writer)"), \(verdict))
                                    ON CONFLICT (forum_id, family_id) DO UPDATE SET verdict = EXCLUDED.verdict
                                    """, logger: db.logger)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let stats = try await db.client.query(
                "SELECT count(*), count(DISTINCT seq), max(seq), count(DISTINCT prev_hash) FROM audit.entries WHERE chain = 'forum:1'",
                logger: db.logger)
            for try await (count, distinct, maxSeq, distinctPrev) in stats.decode((Int64, Int64, Int64, Int64).self) {
                XCTAssertEqual(count, before + 1600)
                XCTAssertEqual(distinct, count, "no sequence number twice")
                XCTAssertEqual(maxSeq, count, "no gap")
                XCTAssertEqual(distinctPrev, count, "no two entries follow the same predecessor: no fork")
            }
            let verification = try await AuditRepository(database: db).verify(chain: "forum:1")
            XCTAssertTrue(verification.isValid, "\(verification.problems)")
        }
    }

    /// An auditor may verify while forums are at work: what was written meanwhile is seen whole or
    /// not at all (one snapshot for the entries and the heads), never as a chain with entries missing.
    func testVerifyingWhileAForumWritesFindsEveryChainSound() async throws {
        try await withTestDatabase { db, _ in
            let families = (1...4).map { SQLTest.family("F\($0)", rank: $0) }
            try await SQLTest.write(db, SQLTest.places + families + SQLTest.forum() + SQLTest.advance(to: .reviewing))
            let verifications = try await withThrowingTaskGroup(of: [AuditRepository.Verification]?.self) { group in
                group.addTask {
                    // Writes until the verifications are done.
                    let context = WriteContext(actor: "writer", role: .slsHead, action: "review.verdict", forumID: 1)
                    var n = 0
                    while !Task.isCancelled {
                        let (family, verdict) = ("F\(n % 4 + 1)", n % 2 == 0 ? "sesuai" : "tidak_berpendapat")
                        do {
                            _ = try await db.write(context) { connection in
                                try await connection.query("""
                                    INSERT INTO fkp.reviews (forum_id, family_id, verdict) VALUES (1, \(family), \(verdict))
                                    ON CONFLICT (forum_id, family_id) DO UPDATE SET verdict = EXCLUDED.verdict
                                    """, logger: db.logger)
                            }
                        } catch where Task.isCancelled {
                            break  // the write under way when the verifications ended was cancelled with its task
                        }
                        n += 1
                    }
                    return nil
                }
                group.addTask {
                    var found: [AuditRepository.Verification] = []
                    for _ in 0..<15 { found.append(try await AuditRepository(database: db).verify()) }
                    return found
                }
                var found: [AuditRepository.Verification] = []
                while let next = try await group.next() {
                    if let verifications = next {
                        found = verifications
                        group.cancelAll()
                    }
                }
                return found
            }
            XCTAssertEqual(verifications.count, 15)
            for verification in verifications { XCTAssertTrue(verification.isValid, "\(verification.problems)") }
        }
    }
}
