import NIOCore

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

    /// Writes `text` escaped as `escape` does, copying the runs between the characters it replaces.
    static func write(escaping text: String, into out: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() {
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                out.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart..<index]))
                out.writeStaticString(replacement)
                runStart = index + 1
            }
            out.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart...]))
        }
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
