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
    /// Forum 1 reviewing; forum 2 ready to close, every place of its minutes signed on paper.
    static let seed = TestAccounts.world + SQLTest.advance(to: .reviewing) + SQLTest.advance(forum: 2, to: .readyToClose)
        + [SQLTest.close(forum: 2)[0]]

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
    private static func fillForum(_ client: any TestClientProtocol) async throws {
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

    /// Follows every link of the site from the page after login, breadth first; the pages seen and
    /// what was wrong with them.
    private static func crawl(_ client: any TestClientProtocol, as username: String,
                              language: String) async throws -> (Int, [String]) {
        var browser = TestBrowser(client)
        browser.cookies["lang"] = language
        try await browser.login(username, TestAccounts.password)
        var queue = ["/"]
        var seen = Set(queue)
        var problems: [String] = []
        // An auditor's search for a forum, once the crawl has found that the person sees forum 1.
        var forumSearches: [String] = []
        while seen.count < 400 {
            if queue.isEmpty, seen.contains("/forums/1") {
                queue = forumSearches.filter { seen.insert($0).inserted }
                forumSearches = []
            }
            guard !queue.isEmpty else { break }
            let path = queue.removeFirst()
            let response = try await browser.get(path)
            if response.status == .seeOther || response.status == .found, let location = response.location {
                if seen.insert(location).inserted { queue.append(location) }
                continue
            }
            guard response.status == .ok else {
                problems.append("\(path): \(response.status.code)")
                continue
            }
            guard response.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
            let html = response.text
            if !html.contains("<html lang=\"\(language)\">") { problems.append("\(path): not in \(language)") }
            if html.contains("⟦") { problems.append("\(path): a catalogue key shows") }
            var found = links(in: html) + getForms(in: html, on: path)
            // A moment to view the page as it stood.
            found += getForms(in: html, on: path, filling: ["at": Self.momentAfterTheWrites])
            if path == "/audit" { forumSearches = getForms(in: html, on: path, filling: ["forum": "1"]) }
            for link in found where seen.insert(link).inserted {
                queue.append(link)
            }
        }
        return (seen.count, problems)
    }

    /// What the page's GET forms (filters, a moment to view, an export) ask for as they stand,
    /// each as the link a browser would follow when it is sent unchanged.
    static func getForms(in html: String, on path: String, filling: [String: String] = [:]) -> [String] {
        html.matches(of: /(?s)<form([^>]*)>(.*?)<\/form>/).compactMap { form in
            let attributes = String(form.1)
            guard !attributes.contains(#"method="post""#) else { return nil }
            let action = attributes.firstMatch(of: /action="(\/[^"]*)"/).map { String($0.1) } ?? path.split(separator: "?")[0].description
            var fields: [(String, String)] = []
            for input in String(form.2).matches(of: /<input([^>]*)>/) {
                let tag = String(input.1)
                guard let name = tag.firstMatch(of: /name="([^"]+)"/).map({ String($0.1) }) else { continue }
                if tag.contains(#"type="checkbox""#) || tag.contains(#"type="radio""#), !tag.contains("checked") { continue }
                let value = tag.firstMatch(of: /value="([^"]*)"/).map { String($0.1) } ?? ""
                fields.append((name, value.isEmpty ? filling[name] ?? "" : value))
            }
            for select in String(form.2).matches(of: /(?s)<select[^>]*name="([^"]+)"[^>]*>(.*?)<\/select>/) {
                let options = String(select.2)
                let chosen = options.firstMatch(of: /<option[^>]*value="([^"]*)"[^>]*selected/) ?? options.firstMatch(of: /<option[^>]*value="([^"]*)"/)
                fields.append((String(select.1), chosen.map { String($0.1) } ?? ""))
            }
            let query = HTTPTestText.formBody(fields.map { ($0.0, $0.1.replacingOccurrences(of: "&amp;", with: "&")) })
            return query.isEmpty ? action : action + "?" + query
        }
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

    /// The site's own links on a page, without fragments, leaving out the language switch, the
    /// stylesheet and scripts, and logging out.
    static func links(in html: String) -> [String] {
        html.matches(of: /href="(\/[^"]*)"/).compactMap { match in
            var link = String(match.1).replacingOccurrences(of: "&amp;", with: "&")
            if let hash = link.firstIndex(of: "#") { link = String(link[..<hash]) }
            guard !link.isEmpty, !link.contains("lang="), !link.hasPrefix("/css/"), !link.hasPrefix("/js/"),
                  !link.hasPrefix("/logout") else { return nil }
            return link
        }
    }
}
