import Foundation
import HTTPTypes
import HummingbirdTesting

/// Follows a site's own links breadth first as one person, each address once, and reads what a
/// page offers: its links, its GET forms as the addresses they lead to, its POST forms.
struct SiteCrawler {
    /// A POST form: where it goes and its fields (inputs with their values; selects and text areas empty).
    struct PostForm {
        let action: String
        let fields: [(name: String, value: String, hidden: Bool)]
    }

    var browser: TestBrowser
    let limit: Int
    private(set) var seen: Set<String> = []

    init(_ browser: TestBrowser, limit: Int) {
        self.browser = browser
        self.limit = limit
    }

    /// Visits `starts` and everything their links lead to, until `limit` addresses are seen.
    /// Redirects are followed; `visit` gets every other answer and returns further addresses it
    /// found on it (a GET form filled in, say).
    mutating func crawl(from starts: [String], _ visit: (String, TestResponse) throws -> [String]) async throws {
        var queue = starts.filter { seen.insert($0).inserted }
        while !queue.isEmpty, seen.count < limit {
            let path = queue.removeFirst()
            let response = try await browser.get(path)
            var found: [String] = []
            if response.status == .seeOther || response.status == .found, let location = response.location {
                found = [location]
            } else {
                if response.status == .ok, response.headers[.contentType]?.hasPrefix("text/html") == true {
                    found = Self.links(in: response.text)
                }
                found += try visit(path, response)
            }
            queue += found.filter { seen.insert($0).inserted }
        }
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

    /// The page's POST forms: action and fields (inputs with their values; selects and text areas empty).
    static func postForms(in html: String) -> [PostForm] {
        html.matches(of: /(?s)<form([^>]*)>(.*?)<\/form>/).compactMap { form in
            let attributes = String(form.1)
            guard attributes.contains(#"method="post""#),
                  let action = attributes.firstMatch(of: /action="(\/[^"]*)"/).map({ String($0.1).replacingOccurrences(of: "&amp;", with: "&") })
            else { return nil }
            var fields: [(name: String, value: String, hidden: Bool)] = []
            for input in String(form.2).matches(of: /<input([^>]*)>/) {
                let tag = String(input.1)
                guard let name = tag.firstMatch(of: /name="([^"]+)"/).map({ String($0.1) }) else { continue }
                fields.append((name, tag.firstMatch(of: /value="([^"]*)"/).map { String($0.1) } ?? "", tag.contains(#"type="hidden""#)))
            }
            for other in String(form.2).matches(of: /<(?:select|textarea)[^>]*name="([^"]+)"/) {
                fields.append((String(other.1), "", false))
            }
            return PostForm(action: action, fields: fields)
        }
    }
}
