import Foundation
import Hummingbird

/// Fields encoded as a browser encodes a form (`application/x-www-form-urlencoded`): pairs joined
/// by `&`, a space written as `+`, everything else percent-encoded. A GET form's fields arrive so
/// in the query, where Hummingbird's `queryParameters` leaves `+` as it is: a search for "Siti
/// Aminah" would look for "Siti+Aminah".
enum FormQuery {
    /// The fields of `encoded`; the first of a repeated name counts, and a value whose percent
    /// encoding is broken is taken as it stands.
    static func fields(_ encoded: Substring) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decoded(parts[0]) ?? String(parts[0])
            guard fields[name] == nil else { continue }
            fields[name] = parts.count == 2 ? decoded(parts[1]) ?? String(parts[1]) : ""
        }
        return fields
    }

    /// One name or value: `+` is a space, then percent-decoding; nil when that is broken.
    static func decoded(_ component: Substring) -> String? {
        component.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Fields encoded as a browser sends them, in their order: every byte but ASCII letters and
    /// digits percent-encoded.
    static func encoded(_ fields: [(name: String, value: String)]) -> String {
        func component(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: asciiAlphanumerics) ?? "" }
        return fields.map { component($0.name) + "=" + component($0.value) }.joined(separator: "&")
    }

    private static let asciiAlphanumerics = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
}

extension Request {
    /// The query's fields as a GET form sent them (see `FormQuery`).
    var formQuery: [String: String] { FormQuery.fields(Substring(uri.query ?? "")) }
}
