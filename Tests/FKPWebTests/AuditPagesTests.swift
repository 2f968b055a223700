import FKPCore
import FKPStore
import FKPTestSupport
import FKPWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

/// The change history in the browser: filters, plain-language changes, stable pages, the places a
/// reader may see, and exports that check out against the published key.
final class AuditPagesTests: XCTestCase {
    static let seed = TestAccounts.world + SQLTest.advance(to: .reviewing) + [
        "INSERT INTO fkp.reviews (forum_id, family_id, verdict, proposed_group, reason) VALUES (1, 'F1', 'tidak_sesuai', 2, 'Baru kena PHK')",
        "UPDATE fkp.reviews SET verdict = 'sesuai', proposed_group = NULL, reason = NULL WHERE family_id = 'F1'",
    ] + (1...60).map { "UPDATE fkp.reviews SET order_note = 'catatan \($0)' WHERE family_id = 'F1'" }

    func testAnAuditorFiltersReadsChangesInPlainWordsAndPagesThroughThem() async throws {
        try await WebTest.withApp(seed: Self.seed) { client, _ in
            var auditor = TestBrowser(client)
            try await auditor.login("auditor", TestAccounts.password)
            let verdicts = try await auditor.get("/audit?family=F1&action=test")
            XCTAssertEqual(verdicts.status, .ok)
            XCTAssertTrue(verdicts.text.contains("Penilaian keluarga"), "the table in plain words")
            XCTAssertTrue(verdicts.text.contains("<th scope=\"row\">Catatan urutan</th><td><s>catatan 59</s> → catatan 60</td>"))
            XCTAssertFalse(verdicts.text.contains("3201010101000001"), "personal numbers never appear")
            let times = verdicts.text.matches(of: /<time datetime="([^"]*)" title="([^"]*)">/).map { (String($0.1), String($0.2)) }
            XCTAssertEqual(times.count, 50)
            for (machine, shown) in times {
                XCTAssertNotNil(machine.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z/), "HTML takes at most milliseconds: \(machine)")
                XCTAssertTrue(shown.hasPrefix(machine.dropLast()), "the title keeps the chain's own text: \(shown)")
            }
            XCTAssertTrue(verdicts.text.contains(#"list="audit-actions""#) && verdicts.text.contains(#"<option value="review.save" label="Menilai keluarga">"#),
                          "the action field suggests the actions by name")
            let first = try XCTUnwrap(verdicts.text.range(of: #"href="(/audit\?[^"]*before=\d+)""#, options: .regularExpression))
            let older = String(verdicts.text[first]).dropFirst(6).dropLast().replacingOccurrences(of: "&amp;", with: "&")
            XCTAssertTrue(older.contains("family=F1"), "the next page keeps the filter: \(older)")
            let next = try await auditor.get(older)
            XCTAssertEqual(next.status, .ok)
            let ids = { (text: String) in Set(text.matches(of: /id="e-(\d+)"/).map { String($0.1) }) }
            XCTAssertEqual(ids(verdicts.text).count, 50)
            XCTAssertTrue(ids(verdicts.text).isDisjoint(with: ids(next.text)), "pages do not overlap")
            XCTAssertTrue(next.text.contains("Baru kena PHK"), "the oldest changes are on the next page")
            XCTAssertTrue(next.text.contains("<th scope=\"row\">Penilaian</th><td><s>Tidak sesuai</s> → Sesuai</td>"), "old → new, in plain words")

            let mistyped = try await auditor.get("/audit?forum=1a&from=2026-12-05&to=2026-12-01")
            XCTAssertEqual(mistyped.status, .badRequest, "a filter that cannot be read is not quietly left out")
            XCTAssertTrue(mistyped.text.contains("Forum: tulis nomor forum, angka saja."))
            XCTAssertTrue(mistyped.text.contains("Sampai tanggal lebih awal dari Dari tanggal."))
            XCTAssertTrue(mistyped.text.contains(#"value="1a""#), "the form keeps what was typed")
            XCTAssertEqual(ids(mistyped.text).count, 0, "and nothing is listed")
            let badDate = try await auditor.get("/audit?forum=1&to=2026-02-30x")
            XCTAssertTrue(badDate.text.contains("Sampai tanggal: bukan tanggal"))
            let badExport = try await auditor.get("/audit/export?region=32x&format=jsonl&until=5")
            XCTAssertEqual(badExport.status, .badRequest)

            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let refused = try await outsider.get("/audit?forum=1")
            XCTAssertEqual(refused.status, .notFound)
            let own = try await outsider.get("/audit")
            XCTAssertFalse(own.text.contains("Penilaian keluarga"), "someone of another regency sees none of this forum's history")
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let notAuditor = try await head.get("/audit")
            XCTAssertEqual(notAuditor.status, .notFound)
            let mistypedByHead = try await head.get("/audit?forum=1a")
            XCTAssertEqual(mistypedByHead.status, .notFound, "a filter that cannot be read still shows nothing to someone who may not read the audit")
        }
    }

    /// A family loaded, changed and removed by import batches, which record it beside the chain:
    /// the family's audit shows each load, what it changed, and the file it came from.
    func testAFamilysLoadsByImportBatchesAreShownWithWhatEachChanged() async throws {
        try await WebTest.withApp(seed: Self.seed) { client, db in
            let header = "family_id,sls_code,head_name,address,members,welfare_group,welfare_score,kk_number,head_nik,latitude,longitude\n"
            let files = [
                header + "F9,32010100010002,Siti,Kp. Baru,4,1,1.5,3201010101000009,3201014501800009,,\n",
                header + "F9,32010100010002,Siti Aminah,Kp. Baru,4,2,2.75,3201010101000009,3201014501800009,-6.5,106.8\n",
                header + "F10,32010100010002,Budi,Kp. Lama,3,3,5.5,3201010101000010,3201014501800010,,\n",
            ]
            for (number, file) in files.enumerated() {
                _ = try await ListImporter(database: db).run(.families, chunks: try FileChunks(bytes: Array(file.utf8)),
                                                             fileName: "daftar-\(number + 1).csv",
                                                             context: .system(number == 1 ? "petugas" : "bps", action: "import.families"))
            }
            var auditor = TestBrowser(client)
            try await auditor.login("auditor", TestAccounts.password)
            let page = try await auditor.get("/audit?family=F9")
            XCTAssertEqual(page.status, .ok)
            let loads = try XCTUnwrap(page.text.range(of: "Dimuat dari daftar awal")).upperBound
            let text = String(page.text[loads...])
            let removed = try XCTUnwrap(text.range(of: "Dihapus: berkas tidak lagi memuatnya")).lowerBound
            let changed = try XCTUnwrap(text.range(of: "Diubah oleh baris 2")).lowerBound
            let added = try XCTUnwrap(text.range(of: "Ditambahkan dari baris 2")).lowerBound
            XCTAssertTrue(removed < changed && changed < added, "newest first, as the entries")
            XCTAssertTrue(text.contains("daftar-2.csv") && text.contains("daftar-3.csv"), "the file each came from")
            let sha = try await SQLTest.scalar(db, "SELECT sha256 FROM fkp.import_batches WHERE file_name = 'daftar-1.csv'", as: String.self)
            XCTAssertTrue(text.contains(try XCTUnwrap(sha)), "with its SHA-256, which the batch's entry in the chain carries")
            XCTAssertTrue(text.contains("<th scope=\"row\">Skor kesejahteraan</th><td><s>1.5</s> → 2.75</td>"), text)
            XCTAssertTrue(text.contains("<th scope=\"row\">Nama kepala keluarga</th><td><s>Siti</s> → Siti Aminah</td>"))
            XCTAssertTrue(text.contains("<th scope=\"row\">Lintang</th><td><s>–</s> → -6.5</td>"))
            XCTAssertTrue(String(text[added...]).contains("<th scope=\"row\">SLS</th><td>32010100010002 · RT 002</td>"), "the unit named")
            let change = String(text[changed..<added])
            XCTAssertFalse(change.contains("Alamat"), "a change shows what it changed")
            XCTAssertTrue(String(text[added...]).contains("<th scope=\"row\">NIK kepala keluarga</th><td>(disamarkan)</td>"),
                          "a first load shows every value it set, personal numbers masked")
            XCTAssertFalse(page.text.contains("3201014501800009") || page.text.contains("3201010101000009"), "personal numbers never appear")
            XCTAssertFalse(page.text.contains("Tidak ada perubahan yang cocok"), "its loads are its history")

            // Loads are no forum's event, nor a review; and they lie in their place.
            let inForum = try await auditor.get("/audit?family=F9&forum=1")
            XCTAssertFalse(inForum.text.contains("Dimuat dari daftar awal"))
            let reviews = try await auditor.get("/audit?family=F9&action=review.")
            XCTAssertFalse(reviews.text.contains("Dimuat dari daftar awal"))
            let imports = try await auditor.get("/audit?family=F9&action=import")
            XCTAssertTrue(imports.text.contains("Dimuat dari daftar awal"))
            // One person's loads, each still against the load before it, whoever made that one.
            let byOne = try await auditor.get("/audit?family=F9&actor=system:petugas")
            XCTAssertTrue(byOne.text.contains("<th scope=\"row\">Skor kesejahteraan</th><td><s>1.5</s> → 2.75</td>"), byOne.text)
            XCTAssertFalse(byOne.text.contains("Ditambahkan dari baris") || byOne.text.contains("Dihapus:"))
            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let elsewhere = try await outsider.get("/audit?family=F9")
            XCTAssertEqual(elsewhere.status, .ok)
            XCTAssertFalse(elsewhere.text.contains("Dimuat dari daftar awal"), "staff of another regency see none of its loads")

            // The family's page leads those who may read the audit there, and nobody else.
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let family = try await staff.get("/forums/1/families/F1")
            XCTAssertTrue(family.text.contains(#"href="/audit?family=F1""#), family.text)
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let headsView = try await head.get("/forums/1/families/F1")
            XCTAssertEqual(headsView.status, .ok)
            XCTAssertFalse(headsView.text.contains("/audit?family="))
        }
    }

    /// A place's loads by regions lists, filtered on the place itself: when it was added and renamed
    /// or marked otherwise by a file, which no entry of its own records.
    func testAPlacesLoadsByRegionsListsAreShownWithWhatEachChanged() async throws {
        try await WebTest.withApp(seed: Self.seed) { client, db in
            let files = ["code,name,level,non_sls\n32010100010009,RT 009,sls,false\n",
                         "code,name,level,non_sls\n32010100010009,Pondok Pesantren Al-Ikhlas,sls,true\n"]
            for (number, file) in files.enumerated() {
                _ = try await ListImporter(database: db).run(.regions, chunks: try FileChunks(bytes: Array(file.utf8)),
                                                             fileName: "wilayah-\(number + 1).csv",
                                                             context: .system(number == 0 ? "bps" : "petugas", action: "import.regions"))
            }
            var auditor = TestBrowser(client)
            try await auditor.login("auditor", TestAccounts.password)
            let page = try await auditor.get("/audit?region=32010100010009")
            XCTAssertEqual(page.status, .ok)
            let loads = try XCTUnwrap(page.text.range(of: "Dimuat dari daftar wilayah")).upperBound
            let text = String(page.text[loads...])
            let changed = try XCTUnwrap(text.range(of: "Diubah oleh baris 2")).lowerBound
            let added = try XCTUnwrap(text.range(of: "Ditambahkan dari baris 2")).lowerBound
            XCTAssertTrue(changed < added, "newest first, as the entries")
            let change = String(text[changed..<added]), addition = String(text[added...])
            XCTAssertTrue(change.contains("<th scope=\"row\">Nama</th><td><s>RT 009</s> → Pondok Pesantren Al-Ikhlas</td>"), change)
            XCTAssertTrue(change.contains("<th scope=\"row\">Non-SLS</th><td><s>tidak</s> → ya</td>"), change)
            XCTAssertFalse(change.contains("Tingkat"), "a change shows what it changed")
            XCTAssertTrue(addition.contains("<th scope=\"row\">Tingkat</th><td>SLS</td>"), "a first load shows every value it set")
            XCTAssertTrue(text.contains("wilayah-1.csv") && text.contains("wilayah-2.csv"))
            let sha = try await SQLTest.scalar(db, "SELECT sha256 FROM fkp.import_batches WHERE file_name = 'wilayah-2.csv'", as: String.self)
            XCTAssertTrue(text.contains(try XCTUnwrap(sha)))

            // The place itself, not those within one: a village's page lists none of its units' loads.
            let village = try await auditor.get("/audit?region=3201010001")
            XCTAssertFalse(village.text.contains("Dimuat dari daftar wilayah"))
            let reviews = try await auditor.get("/audit?region=32010100010009&action=review.")
            XCTAssertFalse(reviews.text.contains("Dimuat dari daftar wilayah"))
            let imports = try await auditor.get("/audit?region=32010100010009&action=import.regions")
            XCTAssertTrue(imports.text.contains("Dimuat dari daftar wilayah"))
            let familyImports = try await auditor.get("/audit?region=32010100010009&action=import.families")
            XCTAssertFalse(familyImports.text.contains("Dimuat dari daftar wilayah"))
            let inForum = try await auditor.get("/audit?region=32010100010009&forum=1")
            XCTAssertFalse(inForum.text.contains("Dimuat dari daftar wilayah"))
            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let elsewhere = try await outsider.get("/audit?region=32010100010009")
            XCTAssertFalse(elsewhere.text.contains("Dimuat dari daftar wilayah"), "staff of another regency see none of its loads")

            // The place's page leads those who may read the audit there, and nobody else.
            let unit = try await auditor.get("/regions/32010100010009")
            XCTAssertTrue(unit.text.contains(#"href="/audit?region=32010100010009""#), unit.text)
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let headsView = try await head.get("/regions/32010100010001")
            XCTAssertEqual(headsView.status, .ok)
            XCTAssertFalse(headsView.text.contains("/audit?region="))
        }
    }

    func testAnExportDownloadedInTheBrowserChecksOutAgainstThePublishedKey() async throws {
        try await WebTest.withApp(seed: Self.seed) { client, _ in
            var auditor = TestBrowser(client)
            try await auditor.login("auditor", TestAccounts.password)
            let page = try await auditor.get("/audit?forum=1")
            let link = try XCTUnwrap(page.text.range(of: #"/audit/export\?forum=1&amp;format=jsonl&amp;until=\d+"#, options: .regularExpression))
            let href = String(page.text[link]).replacingOccurrences(of: "&amp;", with: "&")
            let file = try await auditor.get(href)
            XCTAssertEqual(file.status, .ok)
            let manifestResponse = try await auditor.get(href.replacingOccurrences(of: "/audit/export?", with: "/audit/export/manifest?"))
            let manifest = try ExportManifest.decode(Data(manifestResponse.text.utf8))
            let key = try await client.execute(uri: "/audit/public-key", method: .get)
            let publicKey = String(buffer: key.body).trimmingCharacters(in: .whitespacesAndNewlines)
            var check = ExportCheck(format: .jsonl)
            check.feed(Array(file.text.utf8))
            XCTAssertEqual(check.finish(manifest: manifest, trustedKey: publicKey), [])
            // Read in pieces that cut lines anywhere, as a file is read, the verdict is the same.
            let bytes = Array(file.text.utf8)
            var inPieces = ExportCheck(format: .jsonl)
            for start in stride(from: 0, to: bytes.count, by: 97) { inPieces.feed(bytes[start..<min(start + 97, bytes.count)]) }
            XCTAssertEqual(inPieces.finish(manifest: manifest, trustedKey: publicKey), [])
            XCTAssertEqual(inPieces.entries, check.entries)
            XCTAssertEqual(manifest.chains.map(\.chain), ["forum:1"])
            XCTAssertGreaterThan(manifest.entries, 60)

            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let refused = try await outsider.get(href)
            XCTAssertEqual(refused.status, .notFound)
        }
    }

    /// A download to a phone takes minutes: the export is read from the database at the database's
    /// pace and kept on disk for the browser, so its connection is free long before the download
    /// ends (here the server has one; a page asked for mid-download is answered), and the file is
    /// the whole export.
    func testASlowDownloadHoldsNoDatabaseConnection() async throws {
        try await withTestDatabase { db, url in
            // About 10 MB of the regency's chain, more than the system's buffers on loopback hold.
            try await SQLTest.write(db, TestAccounts.world + [
                "SELECT audit.declare('test', 'admin', 'test.write', 'test', NULL, '3201', NULL, NULL)",
                "INSERT INTO fkp.regions (code, name, level) SELECT '3201010001' || lpad(g::text, 4, '0'), repeat('Rukun Tetangga ', 10) || g, 'sls' FROM generate_series(1000, 7000) g",
                "UPDATE fkp.regions SET name = 'RT ' || code WHERE code LIKE '3201010001%' AND level = 'sls' AND code > '32010100010999'",
            ])
            var config = try await WebTest.serverConfig(url)
            config.databasePoolSize = 1
            config.databaseWaitSeconds = 1
            let app = try await buildApplication(config: config, logger: TestPostgres.logger)
            try await app.test(.live) { client in
                var auditor = TestBrowser(client)
                try await auditor.login("auditor", TestAccounts.password)
                let page = try await auditor.get("/audit?region=3201")
                let link = try XCTUnwrap(page.text.range(of: #"/audit/export\?region=3201&amp;format=jsonl&amp;until=\d+"#, options: .regularExpression))
                let href = String(page.text[link]).replacingOccurrences(of: "&amp;", with: "&")
                let download = try LoopbackHTTP.Connection(try XCTUnwrap(client.port), receiveBuffer: 4096)
                try download.send(Data("GET \(href) HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(auditor.cookieHeader)\r\nConnection: close\r\n\r\n".utf8))
                var received = try download.receive(atMost: 4096)
                XCTAssertTrue(received.starts(with: Data("HTTP/1.1 200".utf8)), String(decoding: received, as: UTF8.self))
                try await Task.sleep(for: .milliseconds(1500))  // the download crawls; the export has been read meanwhile
                let during = try await auditor.get("/audit?region=3201")
                XCTAssertEqual(during.status, .ok, "a page that needs the database, while a download crawls")
                while true {
                    let more = try download.receive(atMost: 65_536)
                    if more.isEmpty { break }
                    received += more
                }
                let manifestResponse = try await auditor.get(href.replacingOccurrences(of: "/audit/export?", with: "/audit/export/manifest?"))
                let manifest = try ExportManifest.decode(Data(manifestResponse.text.utf8))
                let body = try XCTUnwrap(received.range(of: Data("\r\n\r\n".utf8)))
                var check = ExportCheck(format: .jsonl)
                check.feed(Array(Self.dechunked(received[body.upperBound...])))
                XCTAssertEqual(check.finish(manifest: manifest, trustedKey: nil), [])
                XCTAssertGreaterThan(manifest.entries, 12_000)
            }
        }
    }

    /// A chunked body's data.
    static func dechunked(_ data: Data) -> Data {
        var body = Data(), index = data.startIndex
        while let lineEnd = data[index...].range(of: Data("\r\n".utf8)),
              let size = Int(String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self), radix: 16), size > 0 {
            body.append(data[lineEnd.upperBound..<(lineEnd.upperBound + size)])
            index = lineEnd.upperBound + size + 2
        }
        return body
    }

    func testAListAndAForumSummaryShownAsTheyStoodAtAnEarlierMoment() async throws {
        let first = TestAccounts.world + SQLTest.advance(to: .reviewing) + [
            "INSERT INTO fkp.reviews (forum_id, family_id, verdict, proposed_group, reason) VALUES (1, 'F1', 'tidak_sesuai', 2, 'Baru kena PHK')",
        ]
        try await WebTest.withApp(seed: first) { client, db in
            // A moment after the first verdict, then more changes.
            let moment = try await SQLTest.momentAfterLastEntry(db)
            try await SQLTest.write(db, [
                "UPDATE fkp.reviews SET verdict = 'sesuai', proposed_group = NULL, reason = NULL WHERE family_id = 'F1'",
                "INSERT INTO fkp.reviews (forum_id, family_id, verdict, presence) VALUES (1, 'F2', 'tidak_berpendapat', 'died')",
            ])
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let unit = "/forums/1/units/32010100010001"
            let then = try await facilitator.get("\(unit)?at=\(moment)")
            XCTAssertEqual(then.status, .ok)
            XCTAssertTrue(then.text.contains("Tampilan historis: sebagaimana pada"), "the page says it is a historical view")
            XCTAssertTrue(then.text.contains("v-tidak_sesuai"), "F1 did not fit then")
            XCTAssertTrue(then.text.contains("Sudah dinilai: 1 / 2"), "one family had a verdict then")
            XCTAssertFalse(then.text.contains("name=\"verdict\" value=\"sesuai\""), "nothing can be changed in a historical view")
            XCTAssertTrue(then.text.contains("href=\"/forums/1/families/F1?at=\(moment)\""), "its families open at the same moment")
            let now = try await facilitator.get(unit)
            XCTAssertFalse(now.text.contains("v-tidak_sesuai"))
            XCTAssertTrue(now.text.contains("Sudah dinilai: 2 / 2"))
            XCTAssertTrue(now.text.contains("name=\"verdict\" value=\"sesuai\""), "the present list can be changed")
            let forumThen = try await facilitator.get("/forums/1?at=\(moment)")
            XCTAssertTrue(forumThen.text.contains("Tampilan historis") && forumThen.text.contains("Sudah dinilai: 1 / 2"))
            XCTAssertTrue(forumThen.text.contains("\(unit)?at=\(moment)"), "its units open at the same moment")
            let familyThen = try await facilitator.get("/forums/1/families/F1?at=\(moment)")
            XCTAssertTrue(familyThen.text.contains("Tampilan historis") && familyThen.text.contains("<dd>Tidak sesuai</dd>"))
            XCTAssertFalse(familyThen.text.contains("<ins>Sesuai</ins>"), "the history stops at that moment")
            let familyNow = try await facilitator.get("/forums/1/families/F1")
            XCTAssertTrue(familyNow.text.contains("<dd>Sesuai</dd>") && familyNow.text.contains("<ins>Sesuai</ins>"))
            let typed = try await facilitator.get("\(unit)?at=\(moment.replacingOccurrences(of: "T", with: "+"))")
            XCTAssertTrue(typed.text.contains("Sudah dinilai: 1 / 2"), "a time typed with a space, where no picker is, reads the same")
            let malformed = try await facilitator.get("\(unit)?at=kemarin+sore")
            XCTAssertEqual(malformed.status, .badRequest)
            XCTAssertTrue(malformed.text.contains("Waktu “kemarin sore” tidak terbaca. Tulis tanggal dan jam setempat seperti 2026-12-03 08:30."),
                          "the page says what was typed and how to write it")
            XCTAssertTrue(malformed.text.contains(#"<a href="\#(unit)">Kembali ke halaman tadi</a>"#), "and leads back to the page")
        }
    }
}
