import FKPTestSupport
import HTTPTypes
import HummingbirdTesting
import XCTest

/// Facilitators, SLS heads and community figures find their forums without knowing its address:
/// they land on the forums they take part in, an SLS head with their own list one tap away.
final class MyForumsTests: XCTestCase {
    func testForumPeopleLandOnTheirForumsAndAnSLSHeadOnItsOwnList() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let home = try await head.get("/")
            XCTAssertEqual(home.location, "/forums/mine")
            let mine = try await head.get("/forums/mine")
            XCTAssertEqual(mine.status, .ok)
            XCTAssertTrue(mine.text.contains(#"<a href="/forums/mine">Forum saya</a>"#), "the header offers the page")
            XCTAssertTrue(mine.text.contains(#"href="/forums/1""#))
            XCTAssertTrue(mine.text.contains(#"href="/forums/1/units/32010100010001""#), "the head's own list")
            XCTAssertFalse(mine.text.contains(#"href="/forums/2""#), "a forum of another village is not theirs")
            let list = try await head.get("/forums/1/units/32010100010001")
            XCTAssertEqual(list.status, .ok, "the link leads to a page the head may open")

            for person in ["tokoh", "fasil"] {
                var browser = TestBrowser(client)
                try await browser.login(person, TestAccounts.password)
                let page = try await browser.get("/forums/mine")
                XCTAssertTrue(page.text.contains(#"href="/forums/1""#), person)
                XCTAssertFalse(page.text.contains(#"href="/forums/2""#), person)
                XCTAssertFalse(page.text.contains("/units/"), "\(person) heads no unit")
            }

            // BPS staff plan forums and sit on none here: their start page is the regions.
            var staff = TestBrowser(client)
            try await staff.login("bps", TestAccounts.password)
            let staffHome = try await staff.get("/")
            XCTAssertEqual(staffHome.location, "/regions")
            let staffMine = try await staff.get("/forums/mine?lang=en")
            XCTAssertTrue(staffMine.text.contains("You take part in no forum yet."))
            XCTAssertFalse(staffMine.text.contains(#"<a href="/forums/mine">"#), "the header offers it only to forum people")
        }
    }

    func testTheMinutesWaitingForThePersonsOwnSignatureAreOneTapAway() async throws {
        try await WebTest.withApp(seed: ClosingPagesTests.ready) { client, _ in
            let button = #"<a class="button" href="/forums/1/minutes#signatures">Tanda tangani berita acara</a>"#
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let waiting = try await head.get("/forums/mine")
            XCTAssertTrue(waiting.text.contains("berita acara menunggu tanda tangan Anda") && waiting.text.contains(button), waiting.text)
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let team = try await facilitator.get("/forums/mine")
            XCTAssertTrue(team.text.contains(button), "the facilitator signs too")
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            let noPlace = try await figure.get("/forums/mine")
            XCTAssertTrue(noPlace.text.contains(#"href="/forums/1""#))
            XCTAssertFalse(noPlace.text.contains("/forums/1/minutes"), "a person with no place of their own on the minutes is not asked")

            try await head.get("/forums/1/minutes")
            let signed = try await head.post("/forums/1/signatures", ["slot": "participant:1", "status": "signed", "method": "screen"])
            XCTAssertEqual(signed.status, .seeOther)
            let after = try await head.get("/forums/mine")
            XCTAssertFalse(after.text.contains("/forums/1/minutes"), "signed, the forum no longer asks")
        }
        try await WebTest.withApp(seed: ClosingPagesTests.represented) { client, _ in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let page = try await head.get("/forums/mine")
            XCTAssertFalse(page.text.contains("/forums/1/minutes"), "a head who sent a representative is not asked to sign in her place")
        }
    }

    func testTheListAsksForASignIn() async throws {
        try await WebTest.withApp(seed: TestAccounts.world) { client, _ in
            var anonymous = TestBrowser(client)
            let page = try await anonymous.get("/forums/mine")
            XCTAssertEqual(page.status, .seeOther)
            XCTAssertTrue(page.location?.hasPrefix("/login") == true, "\(page.location ?? "-")")
        }
    }

    /// A team seat outlives the assignment it was planned under: a facilitator seated in another
    /// village's forum (their assignment moved since) does not find a forum they may not open.
    func testAForumThePersonMayNoLongerOpenIsNotListed() async throws {
        try await WebTest.withApp(seed: TestAccounts.world + [
            "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 2, id, 'facilitator' FROM fkp.users WHERE username = 'fasil'",
        ]) { client, _ in
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            let other = try await facilitator.get("/forums/2")
            XCTAssertEqual(other.status, .notFound, "the access rules are by place")
            let mine = try await facilitator.get("/forums/mine")
            XCTAssertTrue(mine.text.contains(#"href="/forums/1""#))
            XCTAssertFalse(mine.text.contains(#"href="/forums/2""#), "no link to a page that answers 404")
        }
    }
}
