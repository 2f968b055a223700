import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

/// Exports taken with `fkp audit export` and checked with no database, by `fkp audit
/// verify-export` and by the standard-library Python verifier of docs/; tampering with the
/// database behind the triggers, caught by `fkp audit verify`.
final class AuditExportTests: XCTestCase {
    /// Forum 1 taken to ready to close with a verdict changed twice and a reason with a line break
    /// and quotes, so that the exports carry every kind of field.
    static let history = TestAccounts.world + SQLTest.advance(to: .reviewing) + [
        "INSERT INTO fkp.reviews (forum_id, family_id, verdict, proposed_group, reason) VALUES (1, 'F1', 'tidak_sesuai', 2, 'Kerja \"tetap\",\nbaru')",
        "UPDATE fkp.reviews SET verdict = 'sesuai', proposed_group = NULL, reason = '' WHERE family_id = 'F1'",
    ] + SQLTest.advance(from: .reviewing, to: .readyToClose)

    struct Folder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        var environment: [String: String] { ["FKP_EXPORT_KEY_FILE": path + "/export.key"] }
        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try CommandLineTests.run("/usr/bin/python3", [TestPostgres.packageRoot + "/docs/verify_export.py"] + arguments)
    }

    func testAnExportVerifiesWithoutADatabaseAndEveryTamperingIsNamed() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, Self.history)
            let folder = try Folder()
            defer { folder.remove() }
            for format in ["jsonl", "csv"] {
                let file = "\(folder.path)/forum1.\(format)"
                let exported = try CommandLineTests.fkp(["audit", "export", "--forum", "1", "--format", format, "--out", file],
                                                        database: url, environment: folder.environment)
                XCTAssertEqual(exported.status, 0, exported.output)
                let checked = try CommandLineTests.fkp(["audit", "verify-export", file], database: url, environment: folder.environment)
                XCTAssertEqual(checked.status, 0, checked.output)
                XCTAssertTrue(checked.output.contains("intact"), checked.output)
                let independent = try Self.python([file])
                XCTAssertEqual(independent.status, 0, "\(format): \(independent.output)")
            }
            let file = "\(folder.path)/forum1.jsonl"
            let original = try String(contentsOfFile: file, encoding: .utf8)
            let manifest = try ExportManifest.decode(try Data(contentsOf: URL(fileURLWithPath: file + ".manifest.json")))
            XCTAssertGreaterThan(manifest.entries, 5)
            XCTAssertEqual(manifest.chains.map(\.chain), ["forum:1"])
            let key = try CommandLineTests.fkp(["audit", "public-key"], database: url, environment: folder.environment)
            XCTAssertEqual(key.output.trimmingCharacters(in: .whitespacesAndNewlines), manifest.publicKey)

            func tampered(_ text: String, expecting fragment: String, python pythonFragment: String, manifestFrom other: String? = nil) throws {
                let path = "\(folder.path)/tampered.jsonl"
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                try FileManager.default.copyItem(atPath: other ?? file + ".manifest.json", toPath: path + ".manifest.json")
                defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: path + ".manifest.json") }
                let result = try CommandLineTests.fkp(["audit", "verify-export", path], database: url, environment: folder.environment)
                XCTAssertEqual(result.status, 1, result.output)
                XCTAssertTrue(result.output.contains(fragment), "fkp: expected '\(fragment)' in \(result.output)")
                let independent = try Self.python([path])
                XCTAssertEqual(independent.status, 1, independent.output)
                XCTAssertTrue(independent.output.contains(pythonFragment), "python: expected '\(pythonFragment)' in \(independent.output)")
            }
            var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let changedLine = lines.firstIndex { $0.contains("\"seq\":3,") }!
            lines[changedLine] = lines[changedLine].replacingOccurrences(of: "\"actor\":\"test\"", with: "\"actor\":\"tesT\"")
            try tampered(lines.joined(separator: "\n"), expecting: "line 3: chain forum:1, entry 3: changed", python: "line 3: chain forum:1, entry 3: changed")
            var dropped = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            dropped.remove(at: 4)
            try tampered(dropped.joined(separator: "\n"), expecting: "entry 5 is missing", python: "entry 5 is missing")
            var reordered = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            reordered.swapAt(2, 3)
            try tampered(reordered.joined(separator: "\n"), expecting: "entry 3 is missing or out of place", python: "entry 3 is missing or out of place")
            var inserted = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            inserted.insert(inserted[2], at: 3)
            try tampered(inserted.joined(separator: "\n"), expecting: "entry 3: inserted or reordered", python: "entry 3: inserted or reordered")

            // A manifest of another export beside this file, and a manifest whose counts were edited.
            try tampered(original, expecting: "the manifest says", python: "differs from the manifest", manifestFrom: "\(folder.path)/forum1.csv.manifest.json")
            var edited = manifest
            edited.entries += 1
            let editedPath = "\(folder.path)/edited.manifest.json"
            try edited.encoded().write(to: URL(fileURLWithPath: editedPath))
            try tampered(original, expecting: "wrong signature: the manifest was changed after it was signed", python: "the manifest says",
                         manifestFrom: editedPath)
            let otherKey = try CommandLineTests.fkp(["audit", "public-key"], database: url,
                                                    environment: ["FKP_EXPORT_KEY_FILE": folder.path + "/other.key"]).output
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let foreign = try CommandLineTests.fkp(["audit", "verify-export", file, "--public-key", otherKey], database: url, environment: folder.environment)
            XCTAssertEqual(foreign.status, 1)
            XCTAssertTrue(foreign.output.contains("wrong signature: the manifest is not signed by the trusted key"), foreign.output)
        }
    }

    /// An auditor copies an entry's time into --from: the export starts at that entry, and the
    /// manifest says so to the microsecond.
    func testATimeRangeIsKeptToTheMicrosecond() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, Self.history)
            let folder = try Folder()
            defer { folder.remove() }
            let time = try await SQLTest.scalar(db, "SELECT audit.timestamp_text(occurred_at) FROM audit.entries WHERE chain = 'forum:1' AND seq = 3", as: String.self)
            let since = try XCTUnwrap(time)
            let expected = try await SQLTest.scalar(db, "SELECT count(*) FROM audit.entries WHERE chain = 'forum:1' AND occurred_at >= '\(since)'", as: Int64.self)
            let file = "\(folder.path)/range.jsonl"
            let exported = try CommandLineTests.fkp(["audit", "export", "--forum", "1", "--format", "jsonl", "--from", since, "--out", file],
                                                    database: url, environment: folder.environment)
            XCTAssertEqual(exported.status, 0, exported.output)
            let manifest = try ExportManifest.decode(try Data(contentsOf: URL(fileURLWithPath: file + ".manifest.json")))
            XCTAssertEqual(manifest.request.from, since)
            XCTAssertEqual(Int64(manifest.entries), expected)
            let checked = try CommandLineTests.fkp(["audit", "verify-export", file], database: url, environment: folder.environment)
            XCTAssertEqual(checked.status, 0, checked.output)

            let empty = try CommandLineTests.fkp(["audit", "export", "--forum", "1", "--format", "jsonl", "--from", since, "--to", since,
                                                  "--out", file], database: url, environment: folder.environment)
            XCTAssertNotEqual(empty.status, 0)
            XCTAssertTrue(empty.output.contains("is not before --to"), empty.output)
        }
    }

    /// A region's export by the command, whose chains are read on two connections at once, is byte
    /// for byte the download's, read on one, with the same chains in the manifest.
    func testAnExportReadOnTwoConnectionsIsTheSameAsOnOne() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, Self.history)
            let folder = try Folder()
            defer { folder.remove() }
            let file = "\(folder.path)/region.jsonl"
            let exported = try CommandLineTests.fkp(["audit", "export", "--region", "3201", "--format", "jsonl", "--out", file],
                                                    database: url, environment: folder.environment)
            XCTAssertEqual(exported.status, 0, exported.output)
            let manifest = try ExportManifest.decode(try Data(contentsOf: URL(fileURLWithPath: file + ".manifest.json")))
            XCTAssertEqual(manifest.chains.map(\.chain), ["forum:1", "forum:2"])

            let exporter = AuditExporter(database: db)
            var downloaded = Data()
            let oneConnection = try await exporter.export(.region(try RegionCode("3201")), from: nil, to: nil, format: .jsonl,
                                                          untilEntry: manifest.request.untilEntry,
                                                          key: try ExportSigningKey.loadOrCreate(at: folder.path + "/export.key")) { piece in
                downloaded.append(contentsOf: piece.readableBytesView)
            }
            XCTAssertEqual(downloaded, try Data(contentsOf: URL(fileURLWithPath: file)))
            XCTAssertEqual(oneConnection.chains, manifest.chains)
            XCTAssertEqual(oneConnection.fileSHA256, manifest.fileSHA256)
        }
    }

    /// `--out` writes into what it names: a file there is emptied and keeps its owner, mode and
    /// links (one made private for an export with personal numbers stays private), and a pipe
    /// (`--out >(gzip > file)`) is written as it is, not replaced by a file of the same name.
    func testAnExportIsWrittenIntoTheFileOrPipeItNames() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, Self.history)
            let folder = try Folder()
            defer { folder.remove() }
            let file = "\(folder.path)/private.jsonl"
            try String(repeating: "an older, longer export\n", count: 1000).write(toFile: file, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            try FileManager.default.linkItem(atPath: file, toPath: file + ".link")
            let exported = try CommandLineTests.fkp(["audit", "export", "--forum", "1", "--out", file], database: url, environment: folder.environment)
            XCTAssertEqual(exported.status, 0, exported.output)
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            XCTAssertEqual(attributes[.posixPermissions] as? Int, 0o600)
            XCTAssertEqual(attributes[.referenceCount] as? Int, 2, "the same file, still linked")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file + ".link")), try Data(contentsOf: URL(fileURLWithPath: file)))
            let checked = try CommandLineTests.fkp(["audit", "verify-export", file], database: url, environment: folder.environment)
            XCTAssertEqual(checked.status, 0, checked.output)

            let pipe = "\(folder.path)/pipe.jsonl", copy = "\(folder.path)/copy.jsonl"
            XCTAssertEqual(mkfifo(pipe, 0o600), 0)
            let reader = Process()
            reader.executableURL = URL(fileURLWithPath: "/bin/sh")
            reader.arguments = ["-c", "exec cat \"$0\" > \"$1\"", pipe, copy]
            reader.standardOutput = FileHandle.nullDevice  // not the test run's output, which it would hold open
            reader.standardError = FileHandle.nullDevice
            try reader.run()
            let piped = try CommandLineTests.fkp(["audit", "export", "--forum", "1", "--out", pipe], database: url, environment: folder.environment)
            XCTAssertEqual(piped.status, 0, piped.output)
            // Bounded: a pipe nobody wrote into would hold its reader for ever.
            let deadline = Date() + 30
            while reader.isRunning, Date() < deadline { usleep(10_000) }
            guard !reader.isRunning else {
                kill(reader.processIdentifier, SIGKILL)  // SIGTERM is ignored in a process that runs servers (UnixSignals)
                return XCTFail("the export was not written into the pipe")
            }
            var status = stat()
            XCTAssertEqual(lstat(pipe, &status), 0)
            XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "still a pipe")
            try FileManager.default.copyItem(atPath: pipe + ".manifest.json", toPath: copy + ".manifest.json")
            let pipedCheck = try CommandLineTests.fkp(["audit", "verify-export", copy], database: url, environment: folder.environment)
            XCTAssertEqual(pipedCheck.status, 0, pipedCheck.output)
        }
    }

    /// A forum or place that does not exist is said to be so, not exported or verified as empty and intact.
    func testAnExportOrVerifyOfSomethingThatDoesNotExistIsRefused() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, Self.history)
            let folder = try Folder()
            defer { folder.remove() }
            let file = "\(folder.path)/none.jsonl"
            let export = try CommandLineTests.fkp(["audit", "export", "--forum", "99", "--out", file], database: url, environment: folder.environment)
            XCTAssertNotEqual(export.status, 0)
            XCTAssertTrue(export.output.contains("there is no forum 99"), export.output)
            XCTAssertFalse(FileManager.default.fileExists(atPath: file), "no empty file left behind")
            XCTAssertFalse(FileManager.default.fileExists(atPath: file + ".manifest.json"), "no empty manifest either")
            // A manifest that cannot be written is said before anything is exported.
            let unwritable = try CommandLineTests.fkp(["audit", "export", "--forum", "1", "--out", file, "--manifest", "/nonexistent/m.json"],
                                                      database: url, environment: folder.environment)
            XCTAssertEqual(unwritable.status, 2)
            XCTAssertEqual(unwritable.output, "fkp: cannot write /nonexistent/m.json: No such file or directory\n")
            XCTAssertFalse(FileManager.default.fileExists(atPath: file), "the export did not run")
            let region = try CommandLineTests.fkp(["audit", "export", "--region", "3299", "--out", file], database: url, environment: folder.environment)
            XCTAssertTrue(region.output.contains("there is no region 3299"), region.output)
            let verify = try CommandLineTests.fkp(["audit", "verify", "--forum", "99"], database: url)
            XCTAssertNotEqual(verify.status, 0)
            XCTAssertTrue(verify.output.contains("there is no forum 99"), verify.output)
            let list = try CommandLineTests.fkp(["export", "families", "--region", "3299"], database: url)
            XCTAssertNotEqual(list.status, 0)
            XCTAssertTrue(list.output.contains("--region 3299: there is no such region"), list.output)
            let existing = try CommandLineTests.fkp(["audit", "verify", "--forum", "1"], database: url)
            XCTAssertEqual(existing.status, 0, existing.output)
        }
    }

    func testTamperingBehindTheTriggersIsFoundByVerify() async throws {
        let cases: [(String, String)] = [
            ("UPDATE audit.entries SET actor = 'someone' WHERE chain = 'forum:1' AND seq = 3", "entry 3: changed"),
            ("DELETE FROM audit.entries WHERE chain = 'forum:1' AND seq = 3", "entry 3 is missing"),
            ("INSERT INTO audit.entries (chain, seq, prev_hash, hash, occurred_at, txid, actor, actor_role, action, table_name, operation) "
                + "SELECT chain, seq, prev_hash, hash, occurred_at, txid, actor, actor_role, action, table_name, operation FROM audit.entries "
                + "WHERE chain = 'forum:1' AND seq = 3", "entry 3: inserted or reordered"),
            ("UPDATE audit.entries SET seq = CASE seq WHEN 3 THEN 4 ELSE 3 END WHERE chain = 'forum:1' AND seq IN (3, 4)",
             "entry 3 is missing or out of place (next found is 4)"),
            // The whole history of a forum, its recorded head included.
            ("WITH gone AS (DELETE FROM audit.entries WHERE chain = 'forum:1') DELETE FROM audit.chain_heads WHERE chain = 'forum:1'",
             "chain forum:1: no entries, though forum 1 exists"),
        ]
        for (tampering, expected) in cases {
            try await withTestDatabase { db, url in
                try await SQLTest.write(db, Self.history)
                let clean = try CommandLineTests.fkp(["audit", "verify", "--forum", "1"], database: url)
                XCTAssertEqual(clean.status, 0, clean.output)
                // As a superuser bypassing the triggers that keep the audit table append-only.
                // Two entries with one sequence number need the uniqueness gone too.
                try await SQLTest.tamper(db, ["ALTER TABLE audit.entries DROP CONSTRAINT entries_chain_seq_key", tampering])
                let broken = try CommandLineTests.fkp(["audit", "verify", "--forum", "1"], database: url)
                XCTAssertEqual(broken.status, 1, "\(tampering): \(broken.output)")
                XCTAssertTrue(broken.output.contains(expected), "\(tampering): expected '\(expected)' in \(broken.output)")
            }
        }
    }

    func testTheChainHeadPrintedAtClosingIsFoundInAnExport() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, Self.history + SQLTest.close())
            let folder = try Folder()
            defer { folder.remove() }
            let file = "\(folder.path)/closed.jsonl"
            let exported = try CommandLineTests.fkp(["audit", "export", "--forum", "1", "--out", file], database: url, environment: folder.environment)
            XCTAssertEqual(exported.status, 0, exported.output)
            let seq = try await SQLTest.scalar(db, "SELECT chain_seq FROM fkp.forum_closings WHERE forum_id = 1", as: Int64.self) ?? 0
            let head = try await SQLTest.scalar(db, "SELECT chain_head FROM fkp.forum_closings WHERE forum_id = 1", as: String.self) ?? ""
            // What a person holding the paper does: find the printed sequence number, compare the hash.
            let line = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first { $0.contains("\"seq\":\(seq),") }
            XCTAssertNotNil(line)
            XCTAssertTrue(line?.contains("\"hash\":\"\(head)\"") == true, "the printed head is the entry's hash in the export")
            let independent = try Self.python([file])
            XCTAssertEqual(independent.status, 0, independent.output)
        }
    }

    /// Whoever can write the database as its superuser and knows the chain rule can change an entry
    /// and compute every later hash again, the recorded heads and the closing's included: the
    /// database verify then finds nothing. An export checked against a head held elsewhere, the
    /// minutes' or an earlier export's manifest, names the change.
    func testAChainRebuiltBehindTheTriggersIsCaughtByTheHeadsHeldElsewhere() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, Self.history + SQLTest.close())
            let folder = try Folder()
            defer { folder.remove() }
            let before = "\(folder.path)/before.jsonl", after = "\(folder.path)/after.jsonl"
            let seq = try await SQLTest.scalar(db, "SELECT chain_seq FROM fkp.forum_closings WHERE forum_id = 1", as: Int64.self) ?? 0
            let head = try await SQLTest.scalar(db, "SELECT chain_head FROM fkp.forum_closings WHERE forum_id = 1", as: String.self) ?? ""
            // As printed on the minutes: in groups of four, here in capitals.
            let printed = "forum:1 \(seq) " + ChainHead.blocks(head).uppercased()
            let exported = try CommandLineTests.fkp(["audit", "export", "--forum", "1", "--out", before], database: url, environment: folder.environment)
            XCTAssertEqual(exported.status, 0, exported.output)
            let sound = try CommandLineTests.fkp(["audit", "verify-export", before, "--head", printed], database: url, environment: folder.environment)
            XCTAssertEqual(sound.status, 0, sound.output)
            XCTAssertTrue(sound.output.contains("1 entry held elsewhere compared: intact"), sound.output)
            let soundInPython = try Self.python([before, "--head", printed])
            XCTAssertEqual(soundInPython.status, 0, soundInPython.output)

            try await Self.rebuildChainFromEntry3(db, closingsToo: true)
            let rebuilt = try CommandLineTests.fkp(["audit", "verify", "--forum", "1"], database: url)
            XCTAssertEqual(rebuilt.status, 0, "a chain rebuilt whole verifies on its own: \(rebuilt.output)")
            let exportedAfter = try CommandLineTests.fkp(["audit", "export", "--forum", "1", "--out", after], database: url, environment: folder.environment)
            XCTAssertEqual(exportedAfter.status, 0, exportedAfter.output)
            let alone = try CommandLineTests.fkp(["audit", "verify-export", after], database: url, environment: folder.environment)
            XCTAssertEqual(alone.status, 0, alone.output)

            let againstMinutes = try CommandLineTests.fkp(["audit", "verify-export", after, "--head", printed], database: url, environment: folder.environment)
            XCTAssertEqual(againstMinutes.status, 1, againstMinutes.output)
            XCTAssertTrue(againstMinutes.output.contains("chain forum:1, entry \(seq): the hash is "), againstMinutes.output)
            XCTAssertTrue(againstMinutes.output.contains("not \(head) as in the minutes: the history up to this entry was changed since"), againstMinutes.output)
            let pythonAgainstMinutes = try Self.python([after, "--head", printed])
            XCTAssertEqual(pythonAgainstMinutes.status, 1, pythonAgainstMinutes.output)
            XCTAssertTrue(pythonAgainstMinutes.output.contains("chain forum:1, entry \(seq): the hash is "), pythonAgainstMinutes.output)
            XCTAssertTrue(pythonAgainstMinutes.output.contains("not \(head) as held elsewhere: the history up to this entry was changed since"),
                          pythonAgainstMinutes.output)
            let againstEarlier = try CommandLineTests.fkp(["audit", "verify-export", after, "--earlier", before + ".manifest.json"],
                                                          database: url, environment: folder.environment)
            XCTAssertEqual(againstEarlier.status, 1, againstEarlier.output)
            XCTAssertTrue(againstEarlier.output.contains("as in the earlier manifest \(before).manifest.json: the history up to this entry was changed"), againstEarlier.output)
            // Entry 1 and 2 are untouched: only the last entry of the earlier export is named.
            XCTAssertFalse(againstEarlier.output.contains("chain forum:1, entry 1:"), againstEarlier.output)
        }
    }

    /// Entry 3 of forum 1's chain changed, and every later hash and the recorded head computed again,
    /// as a superuser who bypasses the triggers and knows the chain rule can; with `closingsToo`,
    /// the heads recorded at closing as well.
    static func rebuildChainFromEntry3(_ db: Database, closingsToo: Bool) async throws {
        try await SQLTest.tamper(db, ["""
            DO $$
            DECLARE r audit.entries; previous text;
            BEGIN
                UPDATE audit.entries SET actor = 'someone' WHERE chain = 'forum:1' AND seq = 3;
                SELECT hash INTO previous FROM audit.entries WHERE chain = 'forum:1' AND seq = 2;
                FOR r IN SELECT * FROM audit.entries WHERE chain = 'forum:1' AND seq >= 3 ORDER BY seq LOOP
                    r.prev_hash := previous;
                    r.hash := audit.entry_hash(r);
                    UPDATE audit.entries SET prev_hash = r.prev_hash, hash = r.hash WHERE id = r.id;
                    previous := r.hash;
                END LOOP;
                UPDATE audit.chain_heads SET hash = previous WHERE chain = 'forum:1';
                IF \(closingsToo) THEN
                    UPDATE fkp.forum_closings SET chain_head = (SELECT hash FROM audit.entries WHERE chain = 'forum:1' AND seq = chain_seq)
                     WHERE forum_id = 1;
                END IF;
            END $$
            """])
    }

    /// A chain rebuilt after its forum closed, but not the head recorded at the closing: the
    /// database verify names the closing whose head is gone from the chain.
    func testAChainRebuiltAfterItsClosingIsFoundByVerify() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, Self.history + SQLTest.close())
            let seq = try await SQLTest.scalar(db, "SELECT chain_seq FROM fkp.forum_closings WHERE forum_id = 1", as: Int64.self) ?? 0
            let head = try await SQLTest.scalar(db, "SELECT chain_head FROM fkp.forum_closings WHERE forum_id = 1", as: String.self) ?? ""
            let clean = try CommandLineTests.fkp(["audit", "verify"], database: url)
            XCTAssertEqual(clean.status, 0, clean.output)
            try await Self.rebuildChainFromEntry3(db, closingsToo: false)
            for arguments in [["audit", "verify"], ["audit", "verify", "--forum", "1"]] {
                let broken = try CommandLineTests.fkp(arguments, database: url)
                XCTAssertEqual(broken.status, 1, broken.output)
                XCTAssertTrue(broken.output.contains("chain forum:1, entry \(seq): the head recorded when version 1 of the forum closed is \(head), "
                                                     + "the entry's hash is now "), broken.output)
                XCTAssertTrue(broken.output.contains("the history up to that closing was changed since"), broken.output)
            }
        }
    }

    /// A head that cannot be read is refused by name, and one the export does not reach is not taken as compared.
    func testAHeadThatCannotBeComparedIsNamed() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, Self.history)
            let folder = try Folder()
            defer { folder.remove() }
            let file = "\(folder.path)/forum1.jsonl"
            let exported = try CommandLineTests.fkp(["audit", "export", "--forum", "1", "--out", file], database: url, environment: folder.environment)
            XCTAssertEqual(exported.status, 0, exported.output)
            let zeros = String(repeating: "0", count: 64)
            for (head, expected) in [("forum:1 7", "give the chain, the entry number and the hash"),
                                     ("forum:1 x \(zeros)", "'x' is not an entry number"),
                                     ("forum:1 3 abcd", "the hash must be 64 hexadecimal digits, 0-9 and a-f; 4 characters were given"),
                                     ("forum:1 3 " + String(repeating: "\u{FF11}", count: 64), "the hash must be 64 hexadecimal digits, 0-9 and a-f; 64 characters were given")] {
                let refused = try CommandLineTests.fkp(["audit", "verify-export", file, "--head", head], database: url, environment: folder.environment)
                XCTAssertNotEqual(refused.status, 0, refused.output)
                XCTAssertTrue(refused.output.contains(expected), "\(head): \(refused.output)")
            }
            for (head, expected) in [("forum:1 9999 \(zeros)", "entry 9999, as in the minutes, is not in this export, whose chain ends at entry"),
                                     ("forum:2 1 \(zeros)", "chain forum:2, entry 1, as in the minutes, cannot be compared: the chain is not in this export")] {
                let beyond = try CommandLineTests.fkp(["audit", "verify-export", file, "--head", head], database: url, environment: folder.environment)
                XCTAssertEqual(beyond.status, 1, beyond.output)
                XCTAssertTrue(beyond.output.contains(expected), "\(head): \(beyond.output)")
                let beyondInPython = try Self.python([file, "--head", head])
                XCTAssertEqual(beyondInPython.status, 1, beyondInPython.output)
                XCTAssertTrue(beyondInPython.output.contains("not in this export, so the head held elsewhere cannot be compared"),
                              beyondInPython.output)
            }
            // An entry dropped from the middle of the chain is named as removed, not as outside the export.
            let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
            let third = try XCTUnwrap(lines.first { $0.contains("\"seq\":3,") })
            let thirdHash = try XCTUnwrap(third.range(of: #""hash":"[0-9a-f]{64}""#, options: .regularExpression).map { String(third[$0].dropFirst(8).dropLast()) })
            let gap = "\(folder.path)/gap.jsonl"
            try (lines.filter { $0 != third }.joined(separator: "\n") + "\n").write(toFile: gap, atomically: true, encoding: .utf8)
            try FileManager.default.copyItem(atPath: file + ".manifest.json", toPath: gap + ".manifest.json")
            let removed = try CommandLineTests.fkp(["audit", "verify-export", gap, "--head", "forum:1 3 \(thirdHash)"],
                                                   database: url, environment: folder.environment)
            XCTAssertEqual(removed.status, 1, removed.output)
            XCTAssertTrue(removed.output.contains("chain forum:1, entry 3, as in the minutes, is not in this export, though its chain runs from entry 1"),
                          removed.output)
        }
    }
}
