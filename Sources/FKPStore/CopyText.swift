/// PostgreSQL's COPY text format: tab-separated, \N for NULL, backslash escapes.
enum CopyText {
    static func field(_ value: String?) -> String {
        guard let value else { return "\\N" }
        // Scanning bytes: the four specials are ASCII, and most fields have none of them.
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        var out = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// One row: the fields, tab-separated, ending in a line feed.
    static func line(_ fields: [String?]) -> String {
        var out = ""
        out.reserveCapacity(fields.reduce(fields.count) { $0 + ($1?.utf8.count ?? 2) })
        for (index, value) in fields.enumerated() {
            if index > 0 { out += "\t" }
            out += field(value)
        }
        out += "\n"
        return out
    }
}
