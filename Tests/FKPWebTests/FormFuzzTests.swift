import FKPCore
import FKPTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import XCTest

/// Every POST form each role is shown, sent with its fields empty, with long text full of quotes,
/// markup, tabs, line breaks and an emoji, with huge negative numbers, with a NUL, and with its
/// hidden fields (version, ids) mangled: each is answered, refused or saved, never with a server error.
final class FormFuzzTests: XCTestCase {
    func testEveryFormRefusesNonsenseWithoutAServerError() async throws {
        try await WebTest.withApp(seed: SiteCrawlTests.seed) { client, _ in
            try await SiteCrawlTests.fillForum(client)
            var problems: [String] = []
            var sent = 0
            // Those who can disable accounts and reset passwords go last.
            for username in ["ketua", "tokoh", "fasil", "auditor", "bps.other", "bps", "admin"] {
                var browser = TestBrowser(client)
                try await browser.login(username, TestAccounts.password)
                var crawler = SiteCrawler(browser, limit: 300)
                var forms: [String: SiteCrawler.PostForm] = [:]
                try await crawler.crawl(from: ["/"]) { _, response in
                    for form in SiteCrawler.postForms(in: response.text) where !form.action.hasPrefix("/logout") {
                        forms[form.action] = forms[form.action] ?? form
                    }
                    return []
                }
                browser = crawler.browser
                let garbage = String(repeating: "ñ'\"<x>&\t", count: 2000) + "\r\n🙂"
                for form in forms.values.sorted(by: { $0.action < $1.action }) {
                    let variants = [
                        ("empty", Self.filled(form) { $0.hidden ? $0.value : "" }),
                        ("garbage", Self.filled(form) { $0.hidden ? $0.value : garbage }),
                        ("numbers", Self.filled(form) { $0.hidden ? $0.value : "-99999999999999999999" }),
                        ("nul", Self.filled(form) { $0.hidden ? $0.value : "a\u{0}b" }),
                        ("hidden", Self.filled(form) { $0.name == "csrf_token" ? $0.value : "-1x" }),
                    ]
                    // A verdict is also saved in place by the page's script, which asks for JSON.
                    let accepts: [String?] = form.action.contains("/families/") ? [nil, "application/json"] : [nil]
                    for (name, fields) in variants {
                        var fields = fields
                        let token = fields.removeValue(forKey: "csrf_token") ?? ""
                        for accept in accepts {
                            let response = try await browser.post(form.action, fields, csrf: token, accept: accept)
                            sent += 1
                            if response.status.code >= 500 {
                                problems.append("\(username) \(form.action) \(name) \(accept ?? "html"): \(response.status.code)")
                            }
                        }
                    }
                }
            }
            XCTAssertEqual(problems, [])
            XCTAssertGreaterThan(sent, 300, "the forms of every role were reached")
        }
    }

    /// The form's fields, each with the value `value` gives it (the first of a repeated name).
    private static func filled(_ form: SiteCrawler.PostForm,
                               _ value: ((name: String, value: String, hidden: Bool)) -> String) -> [String: String] {
        Dictionary(form.fields.map { ($0.name, value($0)) }, uniquingKeysWith: { first, _ in first })
    }
}
