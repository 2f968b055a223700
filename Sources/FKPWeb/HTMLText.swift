/// Escaping for the few fragments of HTML the code builds itself (option lists of the review
/// page, rendered 150 times per page): the same characters as the templates escape, on bytes.
enum HTMLText {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
                                          || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// `<option>` elements; the selected one marked.
    static func options(_ options: [FormOption]) -> String {
        options.map { "<option value=\"\(escape($0.value))\"\($0.selected ? " selected" : "")>\(escape($0.label))</option>" }.joined()
    }

    /// Radio buttons named `name`, each in its label; the selected one checked.
    static func radios(_ name: String, _ options: [FormOption]) -> String {
        options.map {
            "<label><input type=\"radio\" name=\"\(name)\" value=\"\(escape($0.value))\"\($0.selected ? " checked" : "")>\(escape($0.label))</label>"
        }.joined()
    }
}
