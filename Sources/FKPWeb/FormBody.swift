import FKPCore
import Foundation

/// What people type into the forms, as the server keeps it. Names, places and reasons are often
/// pasted from chat messages on a phone, and bring characters no one sees: a zero-width space
/// splits a name so that a search no longer finds it, a direction mark shows the text after it
/// backwards on the page and on the printed minutes. Every value loses them (a tab becomes a
/// space) before any handler reads it; passwords are left exactly as typed. A value is one line,
/// as a browser sends a text field, unless it comes from a multi-line box: a line break that a
/// script sent, or pasted as Unicode's line separator (which browsers keep in a text field),
/// becomes a space, so that no name or reason breaks the lines of a list or a file.
enum FormBody {
    /// The fields that are multi-line boxes (`<textarea>`) in the templates.
    static let multiLineFields: Set<String> = ["notes"]

    static func removingInvisibleCharacters(_ body: String) -> String {
        // Such characters only reach a form body percent-encoded (or as a tab or a control byte
        // sent raw by a script): a body without '%' or control bytes has none.
        guard body.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 < 0x20 || $0 == 0x7F }) else { return body }
        return body.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
            let name = pair[..<equals], encoded = pair[pair.index(after: equals)...]
            let fieldName = name.removingPercentEncoding ?? String(name)
            guard !fieldName.contains("password"),
                  let value = FormQuery.decoded(encoded) else { return String(pair) }
            let visible = value.removingInvisibleCharacters
            let cleaned = multiLineFields.contains(fieldName) ? visible : visible.linesJoined
            guard cleaned != value else { return String(pair) }
            return name + "=" + (cleaned.addingPercentEncoding(withAllowedCharacters: valueCharacters) ?? "")
        }.joined(separator: "&")
    }

    /// Letters, digits and `-._~`: everything else of a value is percent-encoded.
    private static let valueCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
