import FKPCore
import Foundation
import HTTPTypes
import Hummingbird

/// A form of the forum's pages that arrived after its session had ended, or from a page opened
/// before the person signed in again: refused as it came (its token is not the session's), but
/// kept in the browser's session and offered to be sent again once the person has signed in, so
/// that what they typed (a list entered from paper, a reason) is not lost. A page's script keeps a
/// session alive while someone types; a browser without scripts, or one that runs them on a proxy
/// (as light phone browsers do), cannot, and a forum lasts hours.
///
/// Held only when nothing could be forged through it: the browser says the form came from this
/// site's own page (`Sec-Fetch-Site`, or else `Origin` or `Referer` naming this host), it was sent
/// to the forum's addresses or a new forum's plan (never a password, an account or an upload), it
/// holds no personal number, and it is of a form's size. Nothing is sent again without the person
/// pressing the button on a page that shows what it holds.
struct HeldForm: Codable, Sendable, Equatable {
    struct Field: Codable, Sendable, Equatable {
        let name: String
        let value: String
    }

    static let maximumBytes = 128 << 10

    /// Where the form was sent.
    let path: String
    /// Its fields in the order sent, the CSRF token left out.
    let fields: [Field]
    /// The page it was sent from, to go back to without sending; the person's first page when that
    /// was the answer to a form sent to the same address (a conflict page), which cannot be asked for again.
    let page: String

    /// The form of a request refused for its token, when it may be held (see above).
    init?(_ request: Request, body: String) {
        guard request.method == .post, body.utf8.count <= Self.maximumBytes, !NULCharacterMiddleware.holdsNUL(body),
              Self.isFormOfTheForum(request.uri.path), Self.comesFromThisSite(request.headers, host: request.head.authority),
              request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true,
              request.headers[.accept]?.contains("application/json") != true  // a page's script says so itself
        else { return nil }
        var fields: [Field] = []
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = FormQuery.decoded(parts[0]), let value = parts.count == 2 ? FormQuery.decoded(parts[1]) : "" else { return nil }
            if name == CSRFMiddleware.fieldName { continue }
            if PersonalNumber.isTypedInto(value) { return nil }
            fields.append(Field(name: name, value: value))
        }
        let referer = request.headers[.referer].flatMap(URL.init(string:))
        let page = referer.map { $0.path + ($0.query.map { "?" + $0 } ?? "") }
        self.path = request.uri.path
        self.fields = fields
        self.page = page.map(safeLocalPath).flatMap {
            ($0.hasPrefix("/forums/") || $0.hasPrefix("/regions/")) && $0 != request.uri.path ? $0 : nil
        } ?? "/"
    }

    /// Its fields encoded as they were sent, the CSRF token left out.
    var body: String { FormQuery.encoded(fields.map { ($0.name, $0.value) }) }

    /// The page of the form it came from, when that page is filled with it again (a forum's plan,
    /// new or changed; a paper list entered): the person reads what they typed where they typed it,
    /// not as a list of fields that name units, families and people by code.
    var formPage: String? {
        if Self.isNewForumPlan(path) { return path + "/new" }
        let parts = path.split(separator: "/")
        let isPlan = parts.count == 3 && parts[0] == "forums" && parts[2] == "plan"
        let isPaperList = parts.count == 5 && parts[0] == "forums" && parts[2] == "units" && parts[4] == "paper"
        return isPlan || isPaperList ? path : nil
    }

    /// `/forums/...`, in the characters of the forum's ids and codes, or a village's new forum; not a
    /// forum's move to its next stage, one button whose hidden fields are codes: nothing typed is
    /// lost, and pressed again it says what it does.
    static func isFormOfTheForum(_ path: String) -> Bool {
        isNewForumPlan(path) || path.hasPrefix("/forums/") && !path.hasSuffix("/state") && !path.contains("..") && path.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    /// `/regions/CODE/forums`, where a village's new forum is planned.
    static func isNewForumPlan(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0].isEmpty && parts[1] == "regions" && parts[3] == "forums" && !parts[2].isEmpty
            && parts[2].utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// What the browser says of where the request came from: `Sec-Fetch-Site`, which browsers send
    /// with every request since 2020-2023; else `Origin`, which older ones send with a form's POST;
    /// else the page's address (`Referer`, which this site's pages send to itself), as a browser on
    /// a proxy may pass on alone. No other site's page can make a browser say this site for any of them.
    static func comesFromThisSite(_ headers: HTTPFields, host ownHost: String?) -> Bool {
        if let site = headers[HTTPField.Name("Sec-Fetch-Site")!] { return site == "same-origin" }
        guard let sender = headers[.origin] ?? headers[.referer], let url = URL(string: sender), let host = url.host,
              let ownHost else { return false }
        return ownHost == host || ownHost == "\(host):\(url.port.map(String.init) ?? "")"
    }
}
