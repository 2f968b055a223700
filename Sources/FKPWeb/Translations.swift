import FKPCore
import Mustache

/// The catalogue as templates see it: `{{t.key}}`. A key missing from the catalogue renders as
/// `⟦key⟧`, visible on the page and caught by the catalogue test.
struct Translations: MustacheParent, Sendable {
    let language: Language

    func child(named key: String) -> Any? { self[key] }

    subscript(key: String) -> String { Messages.catalogue(language)[key] ?? "⟦\(key)⟧" }
}

extension Translations {
    /// A welfare group as lists show it: "2 Miskin".
    func group(_ group: WelfareGroup) -> String { "\(group.rawValue) \(self["group_\(group.rawValue)"])" }

    func presence(_ presence: Presence) -> String { self["presence_\(presence.rawValue)"] }

    /// The catalogue's words for `key`, or `code` itself where it has none (a role, table, column
    /// or action the catalogue does not name yet is shown as it is stored).
    func name(_ key: String, or code: String) -> String { Messages.catalogue(language)[key] ?? code }

    /// A count as the language writes it: 1.234.567 in Bahasa Indonesia, 1,234,567 in English.
    func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(language == .indonesian ? "." : ",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// The catalogue's sentence for `key` with each `{placeholder}` filled in, in one pass, so a
    /// value that itself holds a placeholder's name (a person's name typed with braces) stays as typed.
    func filling(_ key: String, _ values: [String: String]) -> String {
        let sentence = self[key]
        var result = ""
        var rest = sentence[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The refusal of a text that holds a NIK or a family card number, naming the field by its
    /// label's key: a form's texts are shown whole to others, personal numbers only to BPS staff.
    func personalNumberIn(_ labelKey: String) -> String {
        filling("text_error_personal_number", ["field": self[labelKey]])
    }
}
