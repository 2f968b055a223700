/// PostgreSQL's COPY text format: tab-separated, \N for NULL, backslash escapes.
enum CopyText {
    static func field(_ value: String?) -> String {
        guard let value else { return "\\N" }
        guard value.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return value }
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(character)
            }
        }
        return out
    }

    static func line(_ fields: [String?]) -> String {
        fields.map(field).joined(separator: "\t") + "\n"
    }
}
