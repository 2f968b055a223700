import FKPCore
import FKPStore
@testable import FKPWeb
import FKPTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import XCTest

final class ImportUploadTests: XCTestCase {
    static let regions = "code,name,level\n3201010003,Desa Tiga,village\n32010100030001,RT 001,sls\n"
    static let families = FamilyCSV.columns.joined(separator: ",") + "\n"
        + "U1,32010100030001,\"Ma'ruf, bin Ali\",Kp. Baru,3,2,4.5,3201010101000001,3201014501800001,,\n"
        + "U2,32010100030001,Siti,Kp. Baru,2,1,1.25,3201010101000002,3201014501800002,,\n"

    /// BPS staff of regency 3201 on the import page (its CSRF token read).
    static func staffOnImportPage(_ client: any TestClientProtocol) async throws -> TestBrowser {
        var staff = TestBrowser(client)
        try await staff.login("bps", TestAccounts.password)
        try await staff.get("/imports")
        return staff
    }

    func testBPSStaffUploadTheirListsAndSeeTheBatches() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let page = try await staff.get("/imports")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains(#"enctype="multipart/form-data""#))
            XCTAssertTrue(page.text.contains("Belum ada impor di wilayah Anda."), "no batch yet: said, not an empty table")
            XCTAssertFalse(page.text.contains("<table"), page.text)
            let regionsPosted = try await staff.upload("/imports/regions", fileName: "wilayah.csv", content: Self.regions)
            XCTAssertEqual(regionsPosted.status, .seeOther, "a load is shown after a redirect, so that a reload does not send it again")
            let regionsLocation = try XCTUnwrap(regionsPosted.location)
            XCTAssertTrue(regionsLocation.hasPrefix("/imports?batch="), regionsLocation)
            let regions = try await staff.get(regionsLocation)
            XCTAssertTrue(regions.text.contains("wilayah.csv: 2 baris; 2 wilayah ditambah, 0 diubah (batch impor "), regions.text)
            let familiesPosted = try await staff.upload("/imports/families", fileName: "keluarga.csv", content: Self.families)
            let familiesLocation = try XCTUnwrap(familiesPosted.location)
            let families = try await staff.get(familiesLocation)
            XCTAssertEqual(families.status, .ok)
            XCTAssertTrue(families.text.contains("keluarga.csv: 2 baris; 2 keluarga ditambah, 0 diubah, 0 dihapus"), families.text)
            XCTAssertTrue(families.text.contains("<small>keluarga · "), "the past batches say their kind in words")
            XCTAssertTrue(families.text.contains("<a href=\"\(familiesLocation)\">keluarga.csv</a>"), "a past batch opens its page: \(families.text)")
            XCTAssertFalse(families.text.contains("Belum ada impor"), families.text)
            let again = try await staff.upload("/imports/families", fileName: "keluarga.csv", content: Self.families)
            XCTAssertEqual(again.location, familiesLocation + "&again=1",
                           "the same file from the same person minutes later (a second tap) is answered with the first's batch")
            let againPage = try await staff.get(try XCTUnwrap(again.location))
            XCTAssertTrue(againPage.text.contains("keluarga.csv: 2 baris; 2 keluarga ditambah, 0 diubah, 0 dihapus"), againPage.text)
            XCTAssertTrue(againPage.text.contains("Berkas yang sama tiba sekali lagi"), againPage.text)
            var admin = TestBrowser(client)
            try await admin.login("admin", TestAccounts.password)
            try await admin.get("/imports")
            let fromAnother = try await admin.upload("/imports/families", fileName: "keluarga.csv", content: Self.families)
            XCTAssertEqual(fromAnother.status, .ok, "from another person, a file that changes nothing is answered at once")
            XCTAssertTrue(fromAnother.text.contains("keluarga.csv: 2 baris, sama dengan yang sudah ada; tidak ada yang berubah."), fromAnother.text)

            var other = TestBrowser(client)
            try await other.login("bps.other", TestAccounts.password)
            let elsewhere = try await other.get(familiesLocation)
            XCTAssertEqual(elsewhere.status, .ok)
            XCTAssertFalse(elsewhere.text.contains("keluarga.csv"), "staff of another regency do not see this regency's batch")
            let stored = try await SQLTest.scalar(db, "SELECT string_agg(id || ':' || sls_rank, ',' ORDER BY id) FROM fkp.families_in_order WHERE id LIKE 'U%'", as: String.self)
            XCTAssertEqual(stored, "U1:2,U2:1")
            let batch = try await SQLTest.scalar(db, "SELECT actor || ' ' || file_name FROM fkp.import_batches WHERE kind = 'families'", as: String.self)
            XCTAssertEqual(batch, "bps keluarga.csv")
        }
    }

    /// Fifty batches a page, newest first; the older ones a link away, page after page, each still
    /// only of the person's places.
    func testPastBatchesArePagedFromTheNewestAndTheOlderOnesAreALinkAway() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            let importer = ListImporter(database: db)
            func rename(_ code: String, _ name: String) async throws {
                let level = code.count == 4 ? "regency" : "village"
                _ = try await importer.run(.regions, chunks: try FileChunks(bytes: Array("code,name,level\n\(code),\(name),\(level)\n".utf8)),
                                           fileName: "\(name).csv", context: .system("test", action: "import.regions"))
            }
            for n in 1...52 {
                try await rename("3201010001", "Desa Ke-\(n)")
                if n == 2 { try await rename("3202", "Kabupaten Lain") }
            }
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let newest = try await staff.get("/imports")
            XCTAssertEqual(newest.text.components(separatedBy: "<tr><td>").count - 1, 50, newest.text)
            XCTAssertTrue(newest.text.contains(">Desa Ke-52.csv</a>") && newest.text.contains(">Desa Ke-3.csv</a>"), newest.text)
            XCTAssertFalse(newest.text.contains(">Desa Ke-2.csv</a>"), newest.text)
            let olderLink = try XCTUnwrap(newest.text.firstMatch(of: /<a href="(\/imports\?before=\d+)" rel="next">Impor lebih lama<\/a>/))
            let older = try await staff.get(String(olderLink.1))
            XCTAssertEqual(older.status, .ok)
            XCTAssertEqual(older.text.components(separatedBy: "<tr><td>").count - 1, 2, older.text)
            XCTAssertTrue(older.text.contains(">Desa Ke-2.csv</a>") && older.text.contains(">Desa Ke-1.csv</a>"), older.text)
            XCTAssertFalse(older.text.contains("Kabupaten Lain"), "another regency's batch is not this person's: \(older.text)")
            XCTAssertFalse(older.text.contains("Impor lebih lama"), "the oldest page links to none older")
            let oldest = try await staff.get("/imports?before=1")
            XCTAssertTrue(oldest.text.contains("Tidak ada impor yang lebih lama di wilayah Anda."), "none older, not none at all: \(oldest.text)")
            XCTAssertFalse(oldest.text.contains("<table"), oldest.text)
        }
    }

    /// "Check only" runs every check of a load and says what loading would change (a revised file
    /// removes the families of its units it no longer lists), and loads nothing: no batch, no entry.
    /// Loaded, the batch's page says the same of what it did.
    func testAFileOnlyCheckedSaysWhatItWouldChangeAndLoadsNothingAndItsBatchSaysWhatItDid() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = try await Self.staffOnImportPage(client)
            let page = try await staff.get("/imports")
            XCTAssertTrue(page.text.contains(#"<button type="submit" class="secondary" formaction="/imports/families/check">Periksa saja</button>"#),
                          page.text)
            XCTAssertTrue(page.text.contains("Berkas keluarga menggantikan daftar setiap SLS yang ada di dalamnya"), "the page says what a file removes")
            _ = try await staff.upload("/imports/regions", fileName: "wilayah.csv", content: Self.regions + "32010100030002,RT 002,sls\n")
            _ = try await staff.upload("/imports/families", fileName: "keluarga.csv", content: Self.families)
            let unitTwo = FamilyCSV.columns.joined(separator: ",") + "\n"
                + "U9,32010100030002,Yanti,Kp. Baru,2,1,1.5,3201010101000009,3201014501800009,,\n"
            _ = try await staff.upload("/imports/families", fileName: "rt2.csv", content: unitTwo)
            let before = try await SQLTest.scalar(db, "SELECT (SELECT count(*) FROM fkp.import_batches) || '/' || (SELECT count(*) FROM audit.entries)", as: String.self)

            let revised = FamilyCSV.columns.joined(separator: ",") + "\n"
                + "U1,32010100030001,\"Ma'ruf, bin Ali\",Kp. Baru,3,3,4.5,3201010101000001,3201014501800001,,\n"
                + "U3,32010100030001,Dedi,Kp. Baru,4,2,2.5,3201010101000003,3201014501800003,,\n"
            let checked = try await staff.upload("/imports/families/check", fileName: "revisi.csv", content: revised)
            XCTAssertEqual(checked.status, .ok, "answered on the page: there is no batch to show")
            XCTAssertTrue(checked.text.contains("Diperiksa, belum dimuat: revisi.csv: 2 baris tanpa masalah. Bila dimuat, 1 keluarga ditambah, 1 diubah, 1 dihapus."),
                          checked.text)
            XCTAssertTrue(checked.text.contains("<p>Keluarga yang akan dihapus, per SLS (paling banyak sepuluh SLS, yang terbanyak dahulu):</p><ul><li>RT 001 (32010100030001): 1</li></ul>"), checked.text)
            XCTAssertFalse(checked.text.contains("akan dipindahkan"), checked.text)
            let renaming = try await staff.upload("/imports/regions/check", fileName: "wilayah2.csv",
                                                  content: "code,name,level,non_sls\n32010100030001,RT 01,sls,true\n")
            XCTAssertTrue(renaming.text.contains("<p>Wilayah yang akan diubah (paling banyak sepuluh, menurut kode):</p><ul><li>RT 001 (32010100030001): "
                                                 + "berganti nama menjadi RT 01, ditandai Non-SLS</li></ul>"), renaming.text)
            // A family of a unit the file does not list, moved into one it lists: named with its unit.
            let taking = try await staff.upload("/imports/families/check", fileName: "pindah.csv",
                                                content: Self.families + unitTwo.split(separator: "\n")[1].replacingOccurrences(of: "30002,", with: "30001,") + "\n")
            XCTAssertTrue(taking.text.contains("Bila dimuat, 0 keluarga ditambah, 1 diubah, 0 dihapus."), taking.text)
            XCTAssertTrue(taking.text.contains("<p>Keluarga yang akan dipindahkan ke SLS berkas ini dari SLS yang tidak ada di berkas "
                                               + "(id keluarganya ada di berkas), per SLS (paling banyak sepuluh SLS, yang terbanyak dahulu):</p>"
                                               + "<ul><li>RT 002 (32010100030002): 1</li></ul>"), taking.text)
            let same = try await staff.upload("/imports/families/check", fileName: "keluarga.csv", content: Self.families)
            XCTAssertTrue(same.text.contains("Diperiksa, belum dimuat: keluarga.csv: 2 baris, sama dengan yang sudah ada"), same.text)
            XCTAssertFalse(same.text.contains("per SLS"), same.text)
            let broken = try await staff.upload("/imports/families/check", fileName: "rusak.csv", content: revised.replacingOccurrences(of: ",3,3,", with: ",3,7,"))
            XCTAssertEqual(broken.status, .unprocessableContent)
            XCTAssertTrue(broken.text.contains("baris 2, kolom welfare_group: nilai &#39;7&#39;"), broken.text)
            let forged = try await staff.upload("/imports/families/check", fileName: "revisi.csv", content: revised, csrf: "")
            XCTAssertEqual(forged.status, .forbidden, "a check is posted with its form's token like a load")

            let after = try await SQLTest.scalar(db, "SELECT (SELECT count(*) FROM fkp.import_batches) || '/' || (SELECT count(*) FROM audit.entries)", as: String.self)
            XCTAssertEqual(after, before, "a check loads nothing and records nothing")
            let stored = try await SQLTest.scalar(db, "SELECT string_agg(id || ':' || welfare_group, ',' ORDER BY id) FROM fkp.families WHERE id LIKE 'U%'", as: String.self)
            XCTAssertEqual(stored, "U1:2,U2:1,U9:1")

            // Loaded, the batch's page says the same of what was done, and says it again when opened later.
            let loaded = try await staff.upload("/imports/families", fileName: "revisi.csv", content: revised)
            let batchPage = try await staff.get(try XCTUnwrap(loaded.location))
            XCTAssertTrue(batchPage.text.contains("<p>Keluarga yang dihapus, per SLS (paling banyak sepuluh SLS, yang terbanyak dahulu):</p>"
                                                  + "<ul><li>RT 001 (32010100030001): 1</li></ul>"), batchPage.text)
            let moved = try await staff.upload("/imports/families", fileName: "pindah.csv",
                                               content: revised + unitTwo.split(separator: "\n")[1].replacingOccurrences(of: "30002,", with: "30001,") + "\n")
            try await staff.get("/imports?lang=en")
            let movedPage = try await staff.get(try XCTUnwrap(moved.location))
            XCTAssertTrue(movedPage.text.contains("<p>Families moved to this file&#39;s SLS from SLS the file does not list (their family ids are in the file), "
                                                  + "by SLS (at most ten SLS, most first):</p><ul><li>RT 002 (32010100030002): 1</li></ul>"), movedPage.text)
            try await staff.get("/imports?lang=id")
            let renamed = try await staff.upload("/imports/regions", fileName: "wilayah2.csv", content: "code,name,level,non_sls\n32010100030001,RT 01,sls,true\n")
            let renamedPage = try await staff.get(try XCTUnwrap(renamed.location))
            XCTAssertTrue(renamedPage.text.contains("<p>Wilayah yang diubah (paling banyak sepuluh, menurut kode):</p><ul><li>RT 001 (32010100030001): "
                                                    + "berganti nama menjadi RT 01, ditandai Non-SLS</li></ul>"), renamedPage.text)

            var other = TestBrowser(client)
            try await other.login("bps.other", TestAccounts.password)
            try await other.get("/imports")
            let elsewhere = try await other.upload("/imports/families/check", fileName: "revisi.csv", content: revised)
            XCTAssertEqual(elsewhere.status, .unprocessableContent, "checked against the uploader's places like a load")
            XCTAssertTrue(elsewhere.text.contains("di luar wilayah Anda (3202)"), elsewhere.text)
        }
    }

    /// Families sharing a family card number or a head's NIK are loaded as they are; the check and
    /// the batch's page name them by family id and line, and never show the number.
    func testFamiliesSharingANumberAreNamedByTheCheckAndTheBatchPage() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var staff = try await Self.staffOnImportPage(client)
            _ = try await staff.upload("/imports/regions", fileName: "wilayah.csv", content: Self.regions)
            // Numbers of their own: the seeded families of the regency share one card number and one NIK.
            let sharing = FamilyCSV.columns.joined(separator: ",") + "\n"
                + "U1,32010100030001,Budi,Kp. Baru,3,2,4.5,3201010101000071,3201014501800071,,\n"
                + "U2,32010100030001,Siti,Kp. Baru,2,1,1.25,3201010101000072,3201014501800072,,\n"
                + "U3,32010100030001,Dedi,Kp. Baru,4,2,2.5,3201010101000071,3201014501800072,,\n"
            let checked = try await staff.upload("/imports/families/check", fileName: "keluarga.csv", content: sharing)
            XCTAssertEqual(checked.status, .ok)
            XCTAssertTrue(checked.text.contains("<p>Nomor KK yang dipakai lebih dari satu keluarga di kabupaten/kota ini: 1 (tidak ditolak; forum "
                                                + "dapat menandai duplikat). Paling banyak sepuluh nomor, menurut baris, tiap nomor dengan keluarganya:</p>"
                                                + "<ul><li>U1 (baris 2), U3 (baris 4)</li></ul>"), checked.text)
            XCTAssertTrue(checked.text.contains("<ul><li>U2 (baris 3), U3 (baris 4)</li></ul>"), checked.text)
            let loaded = try await staff.upload("/imports/families", fileName: "keluarga.csv", content: sharing)
            try await staff.get("/imports?lang=en")
            let batchPage = try await staff.get(try XCTUnwrap(loaded.location))
            XCTAssertTrue(batchPage.text.contains("<p>Heads&#39; NIKs held by more than one family of this regency: 1 (not refused; a forum can "
                                                  + "mark a duplicate). At most ten numbers, by line, each with its families:</p>"
                                                  + "<ul><li>U2 (line 3), U3 (line 4)</li></ul>"), batchPage.text)
            // Sent again, it changes nothing, and leads to the same batch, which says the same.
            let sentAgain = try await staff.upload("/imports/families", fileName: "keluarga.csv", content: sharing)
            let again = try await staff.get(try XCTUnwrap(sentAgain.location))
            XCTAssertTrue(again.text.contains("The same file arrived once more"), again.text)
            XCTAssertTrue(again.text.contains("<ul><li>U2 (line 3), U3 (line 4)</li></ul>"), again.text)
            for page in [checked.text, batchPage.text, again.text] {
                XCTAssertFalse(page.contains("3201010101000071") || page.contains("3201014501800072"), "no number is shown")
            }
        }
    }

    /// A families list loaded after a re-ranking says that the run does not hold it, with the way to
    /// re-rank, and the re-ranking page names it; a list the run came after says nothing.
    func testAListLoadedAfterAReRankingSaysTheRunDoesNotHoldIt() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var staff = try await Self.staffOnImportPage(client)
            _ = try await staff.upload("/imports/regions", fileName: "wilayah.csv", content: Self.regions)
            let loaded = try await staff.upload("/imports/families", fileName: "keluarga.csv", content: Self.families)
            let first = try XCTUnwrap(loaded.location)
            try await staff.get("/regions/3201/rerank")
            let ran = try await staff.post("/regions/3201/rerank", ["allow_open": "yes"])
            XCTAssertEqual(ran.status, .seeOther, "a provisional run: forum 1 is not closed")

            let revised = Self.families.replacingOccurrences(of: "Siti,Kp. Baru,2,1", with: "Siti,Kp. Baru,2,2")
            try await staff.get("/imports")
            let reloaded = try await staff.upload("/imports/families", fileName: "revisi.csv", content: revised)
            let second = try XCTUnwrap(reloaded.location)
            let after = try await staff.get(second)
            XCTAssertTrue(after.text.contains(#"<li><a href="/regions/3201/rerank">Bogor (3201): hasil #1, sementara, "#), after.text)
            let before = try await staff.get(first)
            XCTAssertFalse(before.text.contains(#"<a href="/regions/3201/rerank">"#), "the run came after this list: it holds it")

            // The re-ranking page says the same from its side, naming only the list loaded since.
            let rerank = try await staff.get("/regions/3201/rerank")
            let batch = try XCTUnwrap(second.split(separator: "=").last)
            XCTAssertTrue(rerank.text.contains("<li>batch impor \(batch), revisi.csv, "), rerank.text)
            XCTAssertFalse(rerank.text.contains("keluarga.csv"), "the list loaded before the run is in it")
            _ = try await staff.post("/regions/3201/rerank", ["allow_open": "yes"])
            let rerun = try await staff.get("/regions/3201/rerank")
            XCTAssertFalse(rerun.text.contains("batch impor"), "a new run holds every list loaded before it")
        }
    }

    /// A national list changes two regencies: staff of each see only their own regency's run named.
    func testAListOfTwoRegenciesNamesToEachStaffOnlyTheirRegencysRun() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var admin = TestBrowser(client)
            try await admin.login("admin", TestAccounts.password)
            try await admin.get("/imports")
            _ = try await admin.upload("/imports/regions", fileName: "wilayah.csv", content: Self.regions
                + "3202010,Kec,district\n3202010001,Desa,village\n32020100010001,RT 001,sls\n")
            let sukabumi = "S1,32020100010001,Asep,Kp. Sawah,4,3,9.5,3202010101000001,3202014501800001,,\n"
            _ = try await admin.upload("/imports/families", fileName: "nasional.csv", content: Self.families + sukabumi)
            for (account, regency) in [("bps", "3201"), ("bps.other", "3202")] {
                var staff = TestBrowser(client)
                try await staff.login(account, TestAccounts.password)
                try await staff.get("/regions/\(regency)/rerank")
                let ran = try await staff.post("/regions/\(regency)/rerank", ["allow_open": "yes"])
                XCTAssertEqual(ran.status, .seeOther, account)
            }
            try await admin.get("/imports")
            let revised = try await admin.upload("/imports/families", fileName: "nasional.csv",
                                                 content: Self.families.replacingOccurrences(of: "Siti,", with: "Siti Aisyah,")
                                                     + sukabumi.replacingOccurrences(of: "Asep", with: "Asep Saepudin"))
            let batch = try XCTUnwrap(revised.location)
            for (account, own, other) in [("bps", "3201", "3202"), ("bps.other", "3202", "3201")] {
                var staff = TestBrowser(client)
                try await staff.login(account, TestAccounts.password)
                let page = try await staff.get(batch)
                XCTAssertTrue(page.text.contains(#"<a href="/regions/\#(own)/rerank">"#), "\(account): \(page.text)")
                XCTAssertFalse(page.text.contains(#"<a href="/regions/\#(other)/rerank">"#), "\(account) sees no other regency's run")
            }
        }
    }

    /// A list sent from a phone takes minutes. While it arrives the import holds no database
    /// connection (here the server has one; a page that needs it is answered at once), and the
    /// file is loaded once it has all come.
    func testAnUploadStillArrivingHoldsNoDatabaseConnection() async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world)
            var config = try await WebTest.serverConfig(url)
            config.databasePoolSize = 1
            config.databaseWaitSeconds = 1
            let app = try await buildApplication(config: config, logger: TestPostgres.logger)
            try await app.test(.live) { client in
                var staff = try await Self.staffOnImportPage(client)
                let body = Data(("--B\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(staff.csrf ?? "")\r\n"
                                 + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"wilayah.csv\"\r\n\r\n\(Self.regions)\r\n--B--\r\n").utf8)
                let head = "POST /imports/regions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Cookie: \(staff.cookieHeader)\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: \(body.count)\r\n\r\n"
                let upload = try LoopbackHTTP.Connection(try XCTUnwrap(client.port))
                try upload.send(Data(head.utf8) + body.prefix(body.count / 2))
                try await Task.sleep(for: .milliseconds(500))  // the upload under way: its import would have begun
                let page = try await staff.get("/imports")
                XCTAssertEqual(page.status, .ok, "a page that needs the database, while an upload arrives")
                try upload.send(body.dropFirst(body.count / 2))
                let answer = try upload.receive()
                XCTAssertEqual(answer.status, 303, answer.text)
            }
            let loaded = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.regions WHERE code LIKE '3201010003%'", as: Int64.self)
            XCTAssertEqual(loaded, 2)
        }
    }

    /// A file over the server's upload limit gets the import page saying so, with what to do
    /// instead, and nothing is loaded.
    func testAFileOverTheUploadLimitIsRefusedWithAPageThatSaysSo() async throws {
        try await Self.withUploadLimitOfOneMegabyte { staff, db in
            // The page's script is told the limit, to refuse a larger file before sending it.
            let page = try await staff.get("/imports")
            XCTAssertTrue(page.text.contains(#"<script src="/js/upload.js" data-limit="1048576""#), page.text)
            let response = try await staff.upload("/imports/regions", fileName: "besar.csv", content: Self.largerThanAMegabyte)
            XCTAssertEqual(response.status, .contentTooLarge)
            XCTAssertTrue(response.text.contains("berkas lebih besar dari 1 MB yang diterima server ini dalam unggahan"), response.text)
            let loaded = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.regions WHERE code LIKE '3201010003%'", as: Int64.self)
            XCTAssertEqual(loaded, 0)
        }
    }

    static let largerThanAMegabyte = regions + String(repeating: "3201010003,Desa Tiga,village\n", count: 40_000)  // 1.1 MB

    /// BPS staff on the import page of a server that takes uploads of 1 MB at most.
    static func withUploadLimitOfOneMegabyte(_ body: @escaping @Sendable (inout TestBrowser, Database) async throws -> Void) async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world)
            var config = try await WebTest.serverConfig(url)
            config.uploadLimitMegabytes = 1
            let app = try await buildApplication(config: config, logger: TestPostgres.logger)
            try await app.test(.router) { client in
                var staff = try await Self.staffOnImportPage(client)
                try await body(&staff, db)
            }
        }
    }

    /// A list sent compressed (as the page's script sends it, or a .csv.gz chosen) loads as the list
    /// itself; unpacked, it may be no larger than an upload; damaged or cut off, it is said as such.
    func testAListSentCompressedLoadsAsTheListAndUnpacksToAtMostTheUploadLimit() async throws {
        try await Self.withUploadLimitOfOneMegabyte { staff, db in
            let tooLarge = try await staff.upload("/imports/regions", fileName: "besar.csv", bytes: Gzipped.text(Self.largerThanAMegabyte))
            XCTAssertEqual(tooLarge.status, .unprocessableContent)
            XCTAssertTrue(tooLarge.text.contains("setelah diekstrak, berkas terkompresi ini lebih besar dari 1 MB"), tooLarge.text)
            let cut = try await staff.upload("/imports/regions", fileName: "wilayah.csv", bytes: Array(Gzipped.text(Self.regions).dropLast(4)))
            XCTAssertEqual(cut.status, .unprocessableContent)
            XCTAssertTrue(cut.text.contains("berkas terkompresi (gzip) ini terpotong sebelum akhirnya"), cut.text)
            let nothing = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.regions WHERE code LIKE '3201010003%'", as: Int64.self)
            XCTAssertEqual(nothing, 0)

            let loaded = try await staff.upload("/imports/regions", fileName: "wilayah.csv", bytes: Gzipped.text(Self.regions))
            XCTAssertEqual(loaded.status, .seeOther, loaded.text)
            let page = try await staff.get(try XCTUnwrap(loaded.location))
            XCTAssertTrue(page.text.contains("wilayah.csv: 2 baris; 2 wilayah ditambah, 0 diubah (batch impor "), page.text)
            let plain = try await staff.upload("/imports/regions", fileName: "wilayah.csv", content: Self.regions)
            XCTAssertEqual(plain.location, try XCTUnwrap(loaded.location) + "&again=1",
                           "the list sent uncompressed is the same list, found by its SHA-256")
        }
    }

    /// An upload's CSRF token is its form's first field: never in the address, which the server's
    /// log, a proxy's log and the browser's history keep.
    func testAnUploadWithoutItsCSRFTokenIsRefused() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = try await Self.staffOnImportPage(client)
            let page = try await staff.get("/imports")
            let token = try XCTUnwrap(staff.csrf)
            for kind in ["regions", "families"] {
                XCTAssertTrue(page.text.contains(#"<form method="post" action="/imports/\#(kind)" enctype="multipart/form-data" data-upload>"#
                                                 + "\n    " + #"<input type="hidden" name="csrf_token" value="\#(token)">"#), page.text)
            }
            XCTAssertFalse(page.text.contains("csrf_token="), "no token in an address")

            let refused = try await staff.upload("/imports/regions", fileName: "wilayah.csv", content: Self.regions, csrf: "")
            XCTAssertEqual(refused.status, .forbidden)
            XCTAssertTrue(refused.text.contains("Formulir ini sudah kedaluwarsa"), refused.text)
            let inAddress = try await staff.postMultipart("/imports/regions?csrf_token=\(token)", body:
                "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"wilayah.csv\"\r\n\r\n\(Self.regions)\r\n--B--\r\n",
                boundary: "B", csrf: "")
            XCTAssertEqual(inAddress.status, .forbidden, "a token in the address does not count")
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.regions WHERE code = '3201010003'", as: Int64.self)
            XCTAssertEqual(count, 0)

            // Only the upload routes read their token from a multipart body.
            let rerank = try await staff.postMultipart("/regions/3201/rerank", body: "--B--\r\n", boundary: "B")
            XCTAssertEqual(rerank.status, .forbidden)
            let runs = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.rerank_runs", as: Int64.self)
            XCTAssertEqual(runs, 0)
        }
    }

    func testProblemsAreShownOnThePageAndNothingIsLoaded() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = try await Self.staffOnImportPage(client)
            let broken = Self.families.replacingOccurrences(of: ",3,2,4.5,", with: ",3,7,4.5,")
            let response = try await staff.upload("/imports/families", fileName: "keluarga.csv", content: broken)
            XCTAssertEqual(response.status, .unprocessableContent)
            XCTAssertTrue(response.text.contains("baris 2, kolom welfare_group: nilai &#39;7&#39;: kelompok kesejahteraan adalah 1, 2, 3 atau 4"),
                          response.text)
            XCTAssertFalse(response.text.contains("dan masalah lain sebanyak"), "no count of further problems when there are none")
            XCTAssertTrue(response.text.contains("keluarga.csv: 1 masalah</p>"), "the count beside the file's name: \(response.text)")
            XCTAssertTrue(response.text.contains(#"<p><a href="/imports/format">Format berkas dan templatnya</a></p>"#),
                          "the problems lead to the format: \(response.text)")
            try await staff.get("/imports?lang=en")
            let english = try await staff.upload("/imports/families", fileName: "keluarga.csv", content: broken)
            XCTAssertTrue(english.text.contains("line 2, column welfare_group: value &#39;7&#39;: a welfare group is 1, 2, 3 or 4"), english.text)
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.families_in_order WHERE id LIKE 'U%'", as: Int64.self)
            XCTAssertEqual(count, 0)
        }
    }

    func testAFileWithMoreThanAHundredProblemsShowsAHundredAndCountsTheRest() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var staff = try await Self.staffOnImportPage(client)
            let rows = (1...150).map { "B\($0),32010100030001,Siti,Kp. Baru,0,1,1.5,3201010101000001,3201014501800001,," }
            let content = FamilyCSV.columns.joined(separator: ",") + "\n" + rows.joined(separator: "\n") + "\n"
            let response = try await staff.upload("/imports/families", fileName: "keluarga.csv", content: content)
            XCTAssertEqual(response.status, .unprocessableContent)
            XCTAssertEqual(response.text.components(separatedBy: "<li>").count - 1, 100, "the first hundred problems")
            XCTAssertTrue(response.text.contains("dan masalah lain sebanyak 50 (50 di members)"), response.text)
            XCTAssertTrue(response.text.contains("keluarga.csv: 150 masalah</p>"), response.text)
        }
    }

    func testAnUploadCutShortOrMalformedIsRefusedAndChangesNothing() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = try await Self.staffOnImportPage(client)
            let part = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"wilayah.csv\"\r\n\r\n\(Self.regions)"
            for (body, why) in [(part, "the closing boundary never came: the file may be cut anywhere"),
                                ("--B--\r\n", "a form with its token and no file"),
                                ("--B\r\nContent-Disposition: form-data; name=\"file\"\r\n" + Self.regions, "the part's headers never end"),
                                ("--B\r\nContént-Disposition: form-data; name=\"file\"\r\n\r\n\(Self.regions)\r\n--B--\r\n",
                                 "a letter past ASCII in a header's name (it stopped the server under MultipartKit 4.7.1)")] {
                let response = try await staff.postMultipart("/imports/regions", body: body, boundary: "B")
                XCTAssertEqual(response.status, .badRequest, why)
            }
            for boundary in ["\"\"", String(repeating: "b", count: 71)] {
                let response = try await staff.postMultipart("/imports/regions", body: part + "\r\n--\(boundary)--\r\n", boundary: boundary)
                XCTAssertEqual(response.status, .badRequest, "a boundary no form may have: \(boundary) (an empty one stopped the server)")
            }
            let page = try await staff.get("/imports")
            XCTAssertEqual(page.status, .ok, "the server still answers")
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.regions WHERE code = '3201010003'", as: Int64.self)
            XCTAssertEqual(count, 0)
        }
    }

    func testOnlyTheFirstFileOfAnUploadIsReadAndItsNameIsOneReadableLine() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = try await Self.staffOnImportPage(client)
            let body = "--B\r\nContent-Disposition: form-data; name=\"other\"; filename=\"file\"\r\n\r\nnot,a,list\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\lists\\wil\u{202E}ayah\u{2028}2.csv\"\r\n\r\n\(Self.regions)\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.csv\"\r\n\r\ncode,name,level\n3201010004,Desa Empat,village\n\r\n--B--\r\n"
            let response = try await staff.postMultipart("/imports/regions", body: body, boundary: "B")
            XCTAssertEqual(response.status, .seeOther)
            let loaded = try await SQLTest.scalar(db, "SELECT string_agg(code, ',' ORDER BY code) FROM fkp.regions WHERE code IN ('3201010003', '3201010004')", as: String.self)
            XCTAssertEqual(loaded, "3201010003", "the part named file, once; a part merely named 'file' by its file name is not it")
            let name = try await SQLTest.scalar(db, "SELECT file_name FROM fkp.import_batches", as: String.self)
            XCTAssertEqual(name, "wilayah 2.csv", "the name without its folders and the direction mark, on one line")
        }
    }

    func testTheDispositionsParametersAreReadWithSemicolonsInsideQuotes() {
        XCTAssertEqual(MultipartUpload.parameters(of: #"form-data; name="file"; filename="daftar; revisi 2.csv""#),
                       ["name": "file", "filename": "daftar; revisi 2.csv"])
        XCTAssertEqual(MultipartUpload.parameters(of: #"form-data; name="other"; filename="file""#)["name"], "other")
    }

    /// The import page leads to each list's columns, an example and a template: whoever prepares a
    /// list in a spreadsheet has no copy of docs/formats.md. The examples load as shown, and the
    /// template is read as the list's header.
    func testTheFormatPageNamesEveryColumnAndItsExamplesAndTemplatesLoad() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var staff = try await Self.staffOnImportPage(client)
            let imports = try await staff.get("/imports")
            XCTAssertTrue(imports.text.contains(#"<a href="/imports/format">Format berkas dan templatnya</a>"#), imports.text)
            XCTAssertFalse(imports.text.contains("docs/formats.md"), "a path in the server's source is no help in a browser")
            let page = try await staff.get("/imports/format")
            XCTAssertEqual(page.status, .ok)
            for column in RegionCSV.columns + FamilyCSV.columns {
                XCTAssertTrue(page.text.contains("<code>\(column)</code>"), "\(column) is named: \(page.text)")
            }
            XCTAssertFalse(page.text.contains("⟦"), "every text is in the catalogue: \(page.text)")
            XCTAssertTrue(page.text.contains(#"<a href="/imports/format/families.csv" download>Unduh templat (baris judul saja)</a>"#), page.text)
            XCTAssertTrue(page.text.contains("&quot;Ma&#39;ruf Hidayat, S.Pd&quot;"), "a name with a comma is quoted in the example: \(page.text)")

            let template = try await staff.get("/imports/format/families.csv")
            XCTAssertEqual(template.status, .ok)
            XCTAssertEqual(template.headers[.contentDisposition], #"attachment; filename="families.csv""#)
            XCTAssertEqual(template.text, "\u{FEFF}" + FamilyCSV.columns.joined(separator: ",") + "\n")
            // Read as the list's header: its one problem is that no row is under it yet.
            let fromTemplate = try await staff.upload("/imports/families/check", fileName: "families.csv", content: template.text)
            XCTAssertEqual(fromTemplate.status, .unprocessableContent)
            let problems = try XCTUnwrap(fromTemplate.text.firstMatch(of: /<ul class="problems">(.*?)<\/ul>/)).1
            XCTAssertTrue(problems.hasPrefix("<li>baris 1: tidak ada satu baris pun di bawah baris judul"), String(problems))
            XCTAssertEqual(problems.components(separatedBy: "<li>").count - 1, 1, "no column is refused: \(problems)")
            let unknown = try await staff.get("/imports/format/forums.csv")
            XCTAssertEqual(unknown.status, .notFound)

            for (kind, example) in [("regions", ImportFormatPage.regionsExample), ("families", ImportFormatPage.familiesExample)] {
                let loaded = try await staff.upload("/imports/\(kind)", fileName: "contoh.csv", content: example)
                XCTAssertEqual(loaded.status, .seeOther, "the \(kind) example loads: \(loaded.text)")
            }
            let name = try await SQLTest.scalar(db, "SELECT head_name FROM fkp.families WHERE id = '3201010001000123'", as: String.self)
            XCTAssertEqual(name, "Ma'ruf Hidayat, S.Pd")

            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let refusedPage = try await facilitator.get("/imports/format")
            XCTAssertEqual(refusedPage.status, .notFound, "the format is shown to those who load lists")
            let refusedTemplate = try await facilitator.get("/imports/format/regions.csv")
            XCTAssertEqual(refusedTemplate.status, .notFound)
        }
    }

    func testStaffOfAnotherRegencyAndOtherRolesCannotLoadThisRegion() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, db in
            var other = TestBrowser(client)
            try await other.login("bps.other", TestAccounts.password)
            try await other.get("/imports")
            let response = try await other.upload("/imports/regions", fileName: "wilayah.csv", content: Self.regions)
            XCTAssertEqual(response.status, .unprocessableContent)
            XCTAssertTrue(response.text.contains("baris 2, kolom code: nilai &#39;3201010003&#39;: di luar wilayah Anda (3202)"), response.text)
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let page = try await facilitator.get("/imports")
            XCTAssertEqual(page.status, .notFound)
            let post = try await facilitator.upload("/imports/regions", fileName: "wilayah.csv", content: Self.regions)
            XCTAssertEqual(post.status, .forbidden)
            let check = try await facilitator.upload("/imports/regions/check", fileName: "wilayah.csv", content: Self.regions)
            XCTAssertEqual(check.status, .forbidden, "checking a list is BPS staff's, like loading it")
            let count = try await SQLTest.scalar(db, "SELECT count(*) FROM fkp.regions WHERE code = '3201010003'", as: Int64.self)
            XCTAssertEqual(count, 0)
        }
    }
}
