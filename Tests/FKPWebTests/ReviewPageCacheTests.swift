import FKPCore
import FKPStore
import FKPTestSupport
import Foundation
@testable import FKPWeb
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import XCTest

/// Review pages kept between requests (ReviewPageCache): served again only to the same session
/// while nothing the forum's pages show has changed. Every test of the web suite runs with the
/// cache checked (a kept page served must equal the page rendered anew); these pin what it keeps.
final class ReviewPageCacheTests: XCTestCase {
    static let unit = "/forums/1/units/32010100010001"

    /// Runs `test` against the real server on a socket (so /metrics answers), on a reviewing forum 1.
    private static func withServer(_ test: @escaping @Sendable (any TestClientProtocol, Database) async throws -> Void) async throws {
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world + SQLTest.advance(to: .reviewing))
            let app = try await buildApplication(config: try await WebTest.serverConfig(url), logger: TestPostgres.logger)
            try await app.test(.live) { client in try await test(client, db) }
        }
    }

    private static func lookups(_ client: any TestClientProtocol) async throws -> (hits: Int, misses: Int) {
        var reader = TestBrowser(client)
        let text = try await reader.get("/metrics").text
        func count(_ outcome: String) -> Int {
            let prefix = #"fkp_review_page_cache_lookups_total{outcome="\#(outcome)"} "#
            return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }.map { Int($0) } ?? 0
        }
        return (count("hit"), count("miss"))
    }

    func testAPageAskedForAgainIsKeptAndEveryKindOfChangeToWhatItShowsIsSeenAtOnce() async throws {
        try await Self.withServer { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            let first = try await head.get(Self.unit)
            let again = try await head.get(Self.unit)
            XCTAssertEqual(again.status, .ok)
            XCTAssertEqual(again.text, first.text)
            var counted = try await Self.lookups(client)
            XCTAssertEqual(counted.hits, 1, "the second view is the kept page")
            XCTAssertEqual(counted.misses, 1)

            // Another person's verdict (the forum's own chain).
            var facilitator = TestBrowser(client)
            try await facilitator.login("fasil", TestAccounts.password)
            try await facilitator.get(Self.unit)
            let saved = try await facilitator.post("\(Self.unit)/families/F2", ["version": "0", "verdict": "tidak_berpendapat"])
            XCTAssertEqual(saved.status, .seeOther)
            let judged = try await head.get(Self.unit)
            XCTAssertTrue(judged.text.contains(#"<li id="f-F2" class="fam v-tidak_berpendapat">"#))

            // A challenge raised on a row by a community figure.
            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            try await figure.get("/forums/1/families/F1")
            let raised = try await figure.post("/forums/1/families/F1/challenges", ["kind": "data", "proposed_value": "Siti", "reason": "Salah ketik"])
            XCTAssertEqual(raised.status, .seeOther)
            let challenged = try await head.get(Self.unit)
            XCTAssertTrue(challenged.text.contains("1 sanggahan terbuka"))
            try await facilitator.get("/forums/1/challenges")
            let decided = try await facilitator.post("/forums/1/challenges/1/decision", ["version": "1", "status": "rejected", "method": "consensus"])
            XCTAssertEqual(decided.status, .seeOther)
            let settled = try await head.get(Self.unit)
            XCTAssertFalse(settled.text.contains("sanggahan terbuka"), "the decided challenge is no longer open")

            // A place renamed outside any forum (the national chain), then the forum moved on by its staff.
            try await SQLTest.write(db, ["UPDATE fkp.regions SET name = 'RT 009 Baru' WHERE code = '32010100010001'"])
            let renamed = try await head.get(Self.unit)
            XCTAssertTrue(renamed.text.contains("RT 009 Baru"))
            try await SQLTest.write(db, SQLTest.advance(from: .reviewing, to: .readyToClose))
            let readOnly = try await head.get(Self.unit)
            XCTAssertTrue(readOnly.text.contains("berita acara sedang ditandatangani"), "no verdict form once the forum moved on")
            XCTAssertFalse(readOnly.text.contains(#"class="verdict""#))

            try await head.get(Self.unit)
            counted = try await Self.lookups(client)
            XCTAssertEqual(counted.hits, 2, "only the views with nothing changed between them were kept pages")
        }
    }

    func testAKeptPageIsServedOnlyToItsOwnSessionLanguageAndView() async throws {
        try await Self.withServer { client, _ in
            var phone = TestBrowser(client)
            var laptop = TestBrowser(client)
            try await phone.login("ketua", TestAccounts.password)
            try await laptop.login("ketua", TestAccounts.password)
            try await phone.get(Self.unit)
            let onLaptop = try await laptop.get(Self.unit)
            let (phoneToken, laptopToken) = (try XCTUnwrap(phone.csrf), try XCTUnwrap(laptop.csrf))
            XCTAssertNotEqual(phoneToken, laptopToken)
            XCTAssertTrue(onLaptop.text.contains(#"name="csrf_token" value="\#(laptopToken)""#), "the laptop's forms carry its own session's token")
            XCTAssertFalse(onLaptop.text.contains(phoneToken))

            let english = try await phone.get("\(Self.unit)?lang=en")
            XCTAssertTrue(english.text.contains(#"<html lang="en">"#))
            let filtered = try await phone.get("\(Self.unit)?verdict=none&lang=id")
            XCTAssertTrue(filtered.text.contains(#"<option value="none" selected>"#))

            var figure = TestBrowser(client)
            try await figure.login("tokoh", TestAccounts.password)
            let read = try await figure.get(Self.unit)
            XCTAssertTrue(read.text.contains("hanya dapat dibaca di sini"), "a community figure's view of the list has no verdict forms")
            let counted = try await Self.lookups(client)
            XCTAssertEqual(counted.hits, 0, "no view above is another's kept page")
            XCTAssertEqual(counted.misses, 5)
        }
    }

    /// The check the whole web suite runs under: a page served from the cache that differs from
    /// the page as it is now is a server error. A change made by a superuser with the audit
    /// triggers off moves no chain's head, so the kept page no longer matches.
    func testTheSuitesCheckCatchesAKeptPageThatNoLongerMatches() async throws {
        try await Self.withServer { client, db in
            var head = TestBrowser(client)
            try await head.login("ketua", TestAccounts.password)
            try await head.get(Self.unit)
            try await SQLTest.tamper(db, ["UPDATE fkp.families SET head_name = 'Diubah Diam-diam' WHERE id = 'F1'"])
            let served = try await head.get(Self.unit)
            XCTAssertEqual(served.status, .internalServerError)
            XCTAssertFalse(served.text.contains("Diubah Diam-diam"))
        }
    }

    /// A view of a kept page costs one round trip: the session read brings the stamp of the
    /// review page's forum with the person.
    func testTheSessionReadBringsTheStampOfTheReviewPagesForum() async throws {
        try await withTestDatabase { db, _ in
            try await SQLTest.write(db, TestAccounts.world)
            let adminID = try await SQLTest.scalar(db, "SELECT id FROM fkp.users WHERE username = 'admin'", as: Int64.self)
            let admin = try XCTUnwrap(adminID)
            let sessions = SessionRepository(database: db)
            _ = try await sessions.create(key: "k", payload: Data(#"{"userID":\#(admin)}"#.utf8), userID: admin,
                                          expiresAt: Date().addingTimeInterval(600))
            let read = try await sessions.get(key: "k", forumStampOf: 1)
            let stamp = try await ForumRepository(database: db).stampedSummary(1)?.stamp
            XCTAssertNotNil(stamp)
            XCTAssertEqual(read?.forumStamp, stamp)
            // The three heads in their places, '' for a chain not begun.
            func head(_ chain: String) async throws -> String {
                try await SQLTest.scalar(db, "SELECT coalesce((SELECT hash FROM audit.chain_heads WHERE chain = '\(chain)'), '')", as: String.self) ?? "none"
            }
            let regencyOfForum = try await SQLTest.scalar(db, "SELECT left(region_code, 4) FROM fkp.forums WHERE id = 1", as: String.self)
            let regency = try XCTUnwrap(regencyOfForum)
            let heads = ForumDataStamp(forum: try await head("forum:1"), regency: try await head("regency:" + regency),
                                       national: try await head("national"))
            XCTAssertEqual(stamp, heads)
            XCTAssertNotEqual(heads.forum, "")
            let notBegun = try await head("no such chain")
            XCTAssertEqual(notBegun, "")
            XCTAssertEqual(read?.principal?.username, "admin")
            let unknownForum = try await sessions.get(key: "k", forumStampOf: 999)
            XCTAssertNotNil(unknownForum)
            XCTAssertNil(unknownForum?.forumStamp)
            let noForum = try await sessions.get(key: "k")
            XCTAssertNil(noForum?.forumStamp)
            XCTAssertEqual(noForum?.principal?.username, "admin")
        }
        func request(_ method: HTTPRequest.Method, _ path: String) -> Request {
            Request(head: HTTPRequest(method: method, scheme: "http", authority: "fkp", path: path), body: .init(buffer: ByteBuffer()))
        }
        XCTAssertEqual(ReviewController.forumOfPage(request(.get, "/forums/7/units/32010100010001?verdict=none")), 7)
        XCTAssertNil(ReviewController.forumOfPage(request(.post, "/forums/7/units/32010100010001/added")))
        XCTAssertNil(ReviewController.forumOfPage(request(.get, "/forums/7/units/32010100010001/print")))
        XCTAssertNil(ReviewController.forumOfPage(request(.get, "/forums/7")))
    }

    func testTheOldestPagesGoFirstWhenTheCacheIsFullAndASlotKeepsItsLatestPageOnly() {
        let cache = ReviewPageCache(capacity: 1000, metrics: ServerMetrics())
        func slot(_ n: Int) -> ReviewPageCache.Slot {
            .init(address: "/forums/1/units/\(n)", language: .indonesian,
                  principal: Principal(userID: 1, username: "ketua", displayName: "Ketua", assignments: []), csrf: "token")
        }
        let stamp = ForumDataStamp(forum: "a1", regency: "", national: "")
        let page = ByteBuffer(repeating: UInt8(ascii: "x"), count: 400)
        let forum = ForumSummary(id: 1, place: RegionCode.parse("3201010001")!, placeName: "Desa", units: [], title: "FKP",
                                 startsAt: Date(timeIntervalSince1970: 0), venue: "Balai", state: .reviewing)
        cache.keep(.init(forum: forum, body: page, gzipped: nil), for: slot(1), stamp: stamp)
        cache.keep(.init(forum: forum, body: page, gzipped: nil), for: slot(2), stamp: stamp)
        cache.keep(.init(forum: forum, body: page, gzipped: nil), for: slot(3), stamp: stamp)
        XCTAssertNil(cache.page(slot(1), stamp: stamp), "the oldest went to make room")
        XCTAssertEqual(cache.page(slot(2), stamp: stamp)?.body, page)
        XCTAssertEqual(cache.page(slot(3), stamp: stamp)?.forum, forum)
        XCTAssertNil(cache.page(slot(3), stamp: ForumDataStamp(forum: "b2", regency: "", national: "")), "another stamp is another page")

        let later = ForumDataStamp(forum: "b2", regency: "", national: "")
        for _ in 0..<5000 { cache.keep(.init(forum: forum, body: page, gzipped: nil), for: slot(3), stamp: later) }
        XCTAssertEqual(cache.occupancy.pages, 2)
        XCTAssertEqual(cache.occupancy.bytes, 800, "a page replaced in its slot is counted once")
        XCTAssertEqual(cache.page(slot(2), stamp: stamp)?.body, page, "replacing one slot's page over and over evicts no other")
        XCTAssertNil(cache.page(slot(3), stamp: stamp))

        cache.keep(.init(forum: forum, body: ByteBuffer(repeating: 0, count: 1001), gzipped: nil), for: slot(4), stamp: stamp)
        XCTAssertNil(cache.page(slot(4), stamp: stamp), "a page larger than the whole cache is not kept")
        XCTAssertEqual(cache.occupancy.pages, 2)
        XCTAssertNil(ReviewPageCache(capacity: 0, metrics: ServerMetrics()).page(slot(2), stamp: stamp))
    }
}
