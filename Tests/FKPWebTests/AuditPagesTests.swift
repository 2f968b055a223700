import FKPCore
import FKPStore
import FKPTestSupport
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
            let first = try XCTUnwrap(verdicts.text.range(of: #"href="(/audit\?[^"]*before=\d+)""#, options: .regularExpression))
            let older = String(verdicts.text[first]).dropFirst(6).dropLast().replacingOccurrences(of: "&amp;", with: "&")
            XCTAssertTrue(older.contains("family=F1"), "the next page keeps the filter: \(older)")
            let next = try await auditor.get(older)
            XCTAssertEqual(next.status, .ok)
            let ids = { (text: String) in Set(text.matches(of: /id="e-(\d+)"/).map { String($0.1) }) }
            XCTAssertEqual(ids(verdicts.text).count, 50)
            XCTAssertTrue(ids(verdicts.text).isDisjoint(with: ids(next.text)), "pages do not overlap")
            XCTAssertTrue(next.text.contains("Baru kena PHK"), "the oldest changes are on the next page")
            XCTAssertTrue(next.text.contains("<th scope=\"row\">Penilaian</th><td><s>tidak_sesuai</s> → sesuai</td>"), "old → new, in plain words")

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
            var check = ExportCheck(format: .jsonl)
            check.feed(Array(file.text.utf8))
            XCTAssertEqual(check.finish(manifest: manifest, trustedKey: String(buffer: key.body).trimmingCharacters(in: .whitespacesAndNewlines)), [])
            XCTAssertEqual(manifest.chains.map(\.chain), ["forum:1"])
            XCTAssertGreaterThan(manifest.entries, 60)

            var outsider = TestBrowser(client)
            try await outsider.login("bps.other", TestAccounts.password)
            let refused = try await outsider.get(href)
            XCTAssertEqual(refused.status, .notFound)
        }
    }
}
