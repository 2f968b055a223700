import Foundation

/// What a browser reads and writes as text, for the test clients (TestBrowser in process,
/// LoopbackHTTP over sockets): form bodies, the page's CSRF field, Set-Cookie headers.
enum HTTPTestText {
    /// application/x-www-form-urlencoded.
    static func formBody(_ fields: [(String, String)]) -> String {
        fields.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    /// The hidden CSRF field of a page.
    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf_token" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// name and value of a Set-Cookie header, and whether it deletes the cookie.
    static func cookie(fromSetCookie header: String) -> (name: String, value: String, expired: Bool)? {
        let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
        guard pair.count == 2 else { return nil }
        let expired = header.contains("Max-Age=0") || header.lowercased().contains("expires=thu, 01 jan 1970")
        return (String(pair[0]), String(pair[1]), expired)
    }
}
