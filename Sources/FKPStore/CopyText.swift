import NIOCore

/// PostgreSQL's COPY text format: tab-separated, \N for NULL, backslash escapes.
enum CopyText {
    /// One row: the fields, tab-separated, ending in a line feed, written where the rows are sent
    /// from (no string per row or field: a million-row import spent a fifth of its reading on them).
    static func append(_ fields: [String?], to out: inout ByteBuffer) {
        for (index, value) in fields.enumerated() {
            if index > 0 { out.writeInteger(UInt8(ascii: "\t")) }
            guard var value else {
                out.writeStaticString("\\N")
                continue
            }
            value.withUTF8 { appendEscaped($0, to: &out) }
        }
        out.writeInteger(UInt8(ascii: "\n"))
    }

    /// The bytes, with the four that COPY reads as syntax escaped; the runs between them copied whole.
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        var runStart = 0
        for (index, byte) in bytes.enumerated() {
            let escape: StaticString
            switch byte {
            case UInt8(ascii: "\\"): escape = "\\\\"
            case UInt8(ascii: "\t"): escape = "\\t"
            case UInt8(ascii: "\n"): escape = "\\n"
            case UInt8(ascii: "\r"): escape = "\\r"
            default: continue
            }
            out.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out.writeStaticString(escape)
            runStart = index + 1
        }
        out.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
}
