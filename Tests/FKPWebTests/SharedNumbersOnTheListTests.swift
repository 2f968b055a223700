import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import XCTest

@testable import FKPWeb

/// Families of one forum holding the same family card number or head's NIK are perhaps one family
/// listed twice: each card names the others, never the number, so that the forum can look.
final class SharedNumbersOnTheListTests: XCTestCase {
    static let unit = "/forums/1/units/32010100010001"

    /// F1 and F2 share both numbers (every SQLTest family has the same ones), F3 of the second unit
    /// only the card, F4 neither; G1 to G5 one card number among five, too many to name.
    static let seed = SQLTest.places + [SQLTest.family("F1", group: 1), SQLTest.family("F2", group: 3, rank: 2),
                                        SQLTest.family("F3", sls: "32010100010002"), SQLTest.family("F4", rank: 3),
                                        "UPDATE fkp.families SET head_nik = '3201014501800003' WHERE id = 'F3'",
                                        "UPDATE fkp.families SET kk_number = '3201010101000004', head_nik = '3201014501800004' WHERE id = 'F4'"]
        + (1...5).flatMap { n in
            [SQLTest.family("G\(n)", rank: 3 + n),
             "UPDATE fkp.families SET kk_number = '3201010101000099', head_nik = '32010145018000\(10 + n)' WHERE id = 'G\(n)'"]
        }
        + SQLTest.forum(units: ["32010100010001", "32010100010002"]) + TestAccounts.statements() + SQLTest.advance(to: .reviewing)

    func testEachCardNamesTheFamiliesOfTheForumSharingItsNumbersAndNotTheNumbers() async throws {
        try await WebTest.withApp(seed: Self.seed) { client, _ in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let page = try await head.get(Self.unit)
            XCTAssertEqual(page.status, .ok)
            let cards = Self.cards(page.text)
            XCTAssertEqual(cards["F1"]?.shared, ["Nomor KK dan NIK kepala keluarga sama dengan: 2. Kepala F2",
                                                 "Nomor KK sama dengan: Kepala F3 (RT 002, no. 1)"])
            XCTAssertEqual(cards["F2"]?.shared, ["Nomor KK dan NIK kepala keluarga sama dengan: 1. Kepala F1",
                                                 "Nomor KK sama dengan: Kepala F3 (RT 002, no. 1)"])
            XCTAssertEqual(cards["F4"]?.shared, [], "a family sharing nothing has no such line")
            XCTAssertTrue(cards["F1"]?.card.contains(##"<a href="/forums/1/units/32010100010001#f-F2">2. Kepala F2</a>"##) == true, "a link to the other card")
            XCTAssertTrue(cards["F1"]?.card.contains(##"<a href="/forums/1/units/32010100010002#f-F3">Kepala F3 (RT 002, no. 1)</a>"##) == true,
                          "on its own unit's page")
            XCTAssertEqual(cards["G3"]?.shared, ["Nomor KK yang sama dipakai juga oleh 4 keluarga lain dalam forum ini"],
                           "five holders of one number are counted, not named")
            XCTAssertFalse(page.text.contains("3201010101000001") || page.text.contains("3201014501800001"), "the numbers are never shown")

            let other = try await head.get("/forums/1/units/32010100010002")
            XCTAssertEqual(Self.cards(other.text)["F3"]?.shared, ["Nomor KK sama dengan: Kepala F1 (RT 001, no. 1); Kepala F2 (RT 001, no. 2)"])

            // The family's own page, where a presence challenge is raised, says it too.
            let family = try await head.get("/forums/1/families/F1")
            XCTAssertTrue(family.text.contains(
                ##"<p class="shared">Nomor KK dan NIK kepala keluarga sama dengan: <a href="/forums/1/units/32010100010001#f-F2">2. Kepala F2</a></p>"##),
                family.text)
            XCTAssertTrue(family.text.contains(##"Nomor KK sama dengan: <a href="/forums/1/units/32010100010002#f-F3">Kepala F3 (RT 002, no. 1)</a>"##))

            let english = try await head.get(Self.unit + "?lang=en")
            XCTAssertEqual(Self.cards(english.text)["F1"]?.shared.first, "Same family card number and head's NIK as: 2. Kepala F2")

            // Read-only views (BPS staff of the regency) show them too.
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let staffPage = try await staff.get(Self.unit)
            XCTAssertEqual(Self.cards(staffPage.text)["F4"]?.shared, [])
            XCTAssertEqual(Self.cards(staffPage.text)["F2"]?.shared.count, 2)
        }
    }

    /// Until the forum opens an import may still change its families: what they share is read
    /// again at each page; from then on it is kept.
    func testWhatAPlannedForumsFamiliesShareIsReadAgainAndAnOpenedOnesIsKept() async throws {
        let seed = SQLTest.places + [SQLTest.family("F1"), SQLTest.family("F2", rank: 2)] + SQLTest.forum() + TestAccounts.statements()
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, seed)
            let reviews = ReviewRepository(database: db)
            let cache = SharedNumbersCache()
            var forum = ForumSummary(id: 1, place: try RegionCode("3201010001"), placeName: "Desa Satu", units: [], title: "FKP",
                                     startsAt: Date(), venue: "Balai Desa", state: .planned)
            let before = try await cache.shared(in: forum, reading: reviews)
            XCTAssertEqual(before["F1"]?.named.map(\.familyID), ["F2"])
            try await SQLTest.write(db, ["UPDATE fkp.families SET kk_number = '3201010101000002', head_nik = '3201014501800002' WHERE id = 'F2'"])
            let planned = try await cache.shared(in: forum, reading: reviews)
            XCTAssertEqual(planned, [:], "a list changed before the forum opened")

            forum.state = .open
            let opened = try await cache.shared(in: forum, reading: reviews)
            XCTAssertEqual(opened, [:])
            // Only a hand's write past the database's refusal could change them now; the kept answer stands.
            try await SQLTest.write(db, ["ALTER TABLE fkp.families DISABLE TRIGGER families_frozen_on_update_new",
                                         "ALTER TABLE fkp.families DISABLE TRIGGER families_frozen_on_update_old",
                                         "UPDATE fkp.families SET kk_number = '3201010101000001' WHERE id = 'F2'"])
            let read = try await reviews.sharedNumbers(forumID: 1)
            XCTAssertEqual(read["F1"]?.named.map(\.familyID), ["F2"])
            let kept = try await cache.shared(in: forum, reading: reviews)
            XCTAssertEqual(kept, [:], "kept from the first read after opening")
        }
    }

    /// Each card's lines about shared numbers, by family id.
    static func cards(_ html: String) -> [String: (card: String, shared: [String])] {
        var found: [String: (card: String, shared: [String])] = [:]
        for match in html.matches(of: /<li id="f-([^"]+)" class="fam[^"]*">(.*?)<\/li>/.dotMatchesNewlines()) {
            let card = String(match.output.2)
            // The lines as read, without their links' markup.
            let shared = card.matches(of: /<p class="shared">(.*?)<\/p>/).map { String($0.output.1).replacing(/<[^>]+>/, with: "") }
            found[String(match.output.1)] = (card, shared.map { $0.replacingOccurrences(of: "&#39;", with: "'") })
        }
        return found
    }
}
