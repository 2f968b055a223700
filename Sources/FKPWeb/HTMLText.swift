import NIOCore

/// Escaping for the few fragments of HTML the code builds itself (option lists of the review
/// page, rendered 150 times per page): the same characters as the templates escape, on bytes.
enum HTMLText {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { replacement(for: $0) != nil }) else { return text }
        var escaped = ByteBuffer()
        write(escaping: text, into: &escaped)
        return String(buffer: escaped)
    }

    /// Writes `text` escaped, copying the runs between the characters it replaces.
    static func write(escaping text: String, into out: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() {
                guard let replacement = replacement(for: byte) else { continue }
                out.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart..<index]))
                out.writeStaticString(replacement)
                runStart = index + 1
            }
            out.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[runStart...]))
        }
    }

    /// What a byte becomes in HTML, or nil when it stands as it is (all five are ASCII, so no byte
    /// of a longer character is ever replaced).
    private static func replacement(for byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
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
