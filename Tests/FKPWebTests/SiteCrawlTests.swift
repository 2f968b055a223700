import FKPCore
import FKPTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import XCTest

/// Every page a person reaches by following the site's own links, for every role and in both
/// languages, in a forum with some of everything: no link leads to an error or a refusal, and every
/// page speaks the reader's language with no catalogue key left showing.
final class SiteCrawlTests: XCTestCase {
    static let unit = "/forums/1/units/32010100010001"
    /// Forum 1 reviewing; forum 2, with its administrator (BPS staff) in the team, ready to close,
    /// every place of its minutes signed on paper.
    static let seed = TestAccounts.world + SQLTest.advance(to: .reviewing) + [
        "INSERT INTO fkp.forum_team (forum_id, user_id, team_role) SELECT 2, id, 'administrator' FROM fkp.users WHERE username = 'bps'",
    ] + SQLTest.advance(forum: 2, to: .readyToClose) + [SQLTest.close(forum: 2)[0]]

    func testEveryLinkEveryoneIsShownLeadsToAPageInTheirLanguage() async throws {
        try await WebTest.withApp(seed: Self.seed) { client, _ in
            try await Self.fillForum(client)
            var problems: [String] = []
            var visited = 0
            for person in TestAccounts.people {
                for language in ["id", "en"] {
                    let (pages, found) = try await Self.crawl(client, as: person.username, language: language)
                    visited += pages
                    problems += found.map { "\(person.username) (\(language)): \($0)" }
                }
            }
            XCTAssertEqual(problems, [])
            XCTAssertGreaterThan(visited, 200, "the crawl reached the forum's pages")
        }
    }

    /// A verdict, an added family, a challenge on a listed family (decided) and one on the added one
    /// (open) in forum 1; forum 2 closed by BPS staff, which stores its minutes.
    static func fillForum(_ client: any TestClientProtocol) async throws {
        var head = TestBrowser(client)
        try await head.login("ketua", TestAccounts.password)
        try await head.get(unit)
        let steps = [
            try await head.post("\(unit)/families/F1", ["version": "0", "verdict": "tidak_sesuai", "proposed_group": "3",
                                                        "reason": "Rumah permanen"]),
            try await head.post("\(unit)/added", ["head_name": "Ujang Sobari", "address": "Kp. Babakan RT 1", "members": "5",
                                                  "presence": "present", "proposed_group": "1", "reason": "Pindahan 2023"]),
        ]
        var figure = TestBrowser(client)
        try await figure.login("tokoh", TestAccounts.password)
        try await figure.get("/forums/1/families/F2")
        let raised = [
            try await figure.post("/forums/1/families/F2/challenges", ["kind": "group", "proposed_group": "1", "reason": "Sakit"]),
            try await figure.post("/forums/1/added/1/challenges", ["kind": "data", "proposed_value": "Ujang S.", "reason": "Ejaan"]),
        ]
        var facilitator = TestBrowser(client)
        try await facilitator.login("fasil", TestAccounts.password)
        try await facilitator.get("/forums/1/challenges")
        let decided = try await facilitator.post("/forums/1/challenges/1/decision", ["version": "1", "status": "accepted",
                                                                                    "method": "consensus"])
        var bps = TestBrowser(client)
        try await bps.login("bps", TestAccounts.password)
        try await bps.get("/forums/2")
        let closed = try await bps.post("/forums/2/close", ["version": "1"])
        XCTAssertEqual((steps + raised + [decided, closed]).map(\.status), Array(repeating: .seeOther, count: 6))
    }

    /// Every page the person reaches from the page after login; the addresses seen and what was
    /// wrong with the pages.
    static func crawl(_ client: any TestClientProtocol, as username: String,
                              language: String) async throws -> (Int, [String]) {
        var browser = TestBrowser(client)
        browser.cookies["lang"] = language
        try await browser.login(username, TestAccounts.password)
        var crawler = SiteCrawler(browser, limit: 400)
        var problems: [String] = []
        var forumSearches: [String] = []
        let check = { (path: String, response: TestResponse) -> [String] in
            guard response.status == .ok else {
                problems.append("\(path): \(response.status.code)")
                return []
            }
            guard response.headers[.contentType]?.hasPrefix("text/html") == true else { return [] }
            let html = response.text
            if !html.contains("<html lang=\"\(language)\">") { problems.append("\(path): not in \(language)") }
            if html.contains("⟦") { problems.append("\(path): a catalogue key shows") }
            if path == "/audit" { forumSearches = SiteCrawler.getForms(in: html, on: path, filling: ["forum": "1"]) }
            // The forms as they stand, and with a moment to view the page as it stood.
            return SiteCrawler.getForms(in: html, on: path)
                + SiteCrawler.getForms(in: html, on: path, filling: ["at": Self.momentAfterTheWrites])
        }
        try await crawler.crawl(from: ["/"], check)
        // An auditor's search for a forum, when the person sees forum 1.
        if crawler.seen.contains("/forums/1") { try await crawler.crawl(from: forumSearches, check) }
        return (crawler.seen.count, problems)
    }

    /// Two minutes from now in western Indonesia (after every write of the test: the minute is the
    /// field's precision), as a `datetime-local` field holds it.
    static var momentAfterTheWrites: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Jakarta")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: Date().addingTimeInterval(120))
    }
}
