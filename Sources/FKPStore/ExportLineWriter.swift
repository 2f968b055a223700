import FKPCore
import NIOCore

/// Writes export lines (docs/audit.md, section 5) straight from the database's text bytes, without
/// making strings: an export of a million entries spends its time reading, not formatting. Every
/// column arrives as text; UTF-8 multi-byte sequences hold no byte below 0x80, so escaping byte by
/// byte is escaping character by character.
struct ExportLineWriter {
    let format: AuditExportLine.Format
    /// `"chain":`, `,"seq":`, ... for JSON Lines.
    private let keys: [[UInt8]]

    init(format: AuditExportLine.Format) {
        self.format = format
        keys = AuditExportLine.columns.enumerated().map { index, name in Array(((index == 0 ? "{" : ",") + "\"\(name)\":").utf8) }
    }

    /// Appends the line of one entry, whose 17 columns are in the order of `AuditExportLine.columns`.
    func append(_ cells: [UnsafeBufferPointer<UInt8>?], to out: inout ByteBuffer) {
        switch format {
        case .jsonl:
            for (index, cell) in cells.enumerated() {
                out.writeBytes(keys[index])
                guard let cell else { out.writeBytes(Self.null); continue }
                // seq and forum_id are JSON numbers.
                if index == 1 || index == 7 { out.writeBytes(cell) } else { Self.appendJSONString(cell, to: &out) }
            }
            out.writeInteger(UInt8(ascii: "}"))
        case .csv:
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.writeInteger(UInt8(ascii: ",")) }
                guard let cell else { continue }
                Self.appendCSVField(cell, to: &out)
            }
        }
        out.writeInteger(UInt8(ascii: "\n"))
    }

    private static let null = Array("null".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The cell as a JSON string, written in place into room for its longest escaping (six bytes
    /// a byte, and eight of slack for the runs): the runs that need no escape are found and copied
    /// eight bytes at a time.
    static func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        out.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count * 6 + 10) { target in
            var w = 0
            func put(_ byte: UInt8) {
                target[w] = byte
                w += 1
            }
            put(UInt8(ascii: "\""))
            var i = 0
            while true {
                JSONStringRun.copy(bytes, &i, to: target.baseAddress!, &w, controls: true)
                guard i < bytes.count else { break }
                let byte = bytes[i]
                put(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
                case UInt8(ascii: "\n"): put(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): put(UInt8(ascii: "r"))
                case UInt8(ascii: "\t"): put(UInt8(ascii: "t"))
                default:
                    put(UInt8(ascii: "u"))
                    put(UInt8(ascii: "0"))
                    put(UInt8(ascii: "0"))
                    put(hexDigits[Int(byte >> 4)])
                    put(hexDigits[Int(byte & 0x0f)])
                }
                i += 1
            }
            put(UInt8(ascii: "\""))
            return w
        }
    }

    /// Quoted when empty (an empty text, not an absent one), or holding a quote, comma or line
    /// break, or a space or tab at either end.
    static func appendCSVField(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        let quote = UInt8(ascii: "\"")
        func isEdge(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let quoted = bytes.isEmpty || isEdge(bytes.first!) || isEdge(bytes.last!)
            || bytes.contains { $0 == quote || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard quoted else { out.writeBytes(bytes); return }
        out.writeInteger(quote)
        var runStart = 0
        for (index, byte) in bytes.enumerated() where byte == quote {
            out.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart...index]))
            out.writeInteger(quote)  // a quote inside is doubled
            runStart = index + 1
        }
        out.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        out.writeInteger(quote)
    }
}
