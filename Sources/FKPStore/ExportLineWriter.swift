import FKPCore

/// Writes export lines (docs/audit.md, section 5) straight from the database's text bytes, without
/// making strings: an export of a million entries spends its time reading, not formatting. Every
/// column arrives as text; UTF-8 multi-byte sequences hold no byte below 0x80, so escaping byte by
/// byte is escaping character by character.
struct ExportLineWriter {
    let format: AuditExportLine.Format
    /// `"chain":`, `,"seq":`, ... for JSON Lines.
    private let keys: [[UInt8]]
    /// Columns written as JSON numbers.
    private static let numeric: Set<Int> = [1, 7]

    init(format: AuditExportLine.Format) {
        self.format = format
        keys = AuditExportLine.columns.enumerated().map { index, name in Array(((index == 0 ? "{" : ",") + "\"\(name)\":").utf8) }
    }

    /// Appends the line of one entry, whose 17 columns are in the order of `AuditExportLine.columns`.
    func append(_ cells: [UnsafeBufferPointer<UInt8>?], to out: inout [UInt8]) {
        switch format {
        case .jsonl:
            for (index, cell) in cells.enumerated() {
                out.append(contentsOf: keys[index])
                guard let cell else { out.append(contentsOf: Self.null); continue }
                if Self.numeric.contains(index) { out.append(contentsOf: cell) } else { Self.appendJSONString(cell, to: &out) }
            }
            out.append(UInt8(ascii: "}"))
        case .csv:
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                guard let cell else { continue }
                Self.appendCSVField(cell, to: &out)
            }
        }
        out.append(UInt8(ascii: "\n"))
    }

    private static let null = Array("null".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The cell as a JSON string. Bytes that need no escape are copied in runs: a row image is
    /// mostly such bytes, and a million entries are written per export.
    static func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(byte)
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: unicodeEscape)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0f)])
            }
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        out.append(UInt8(ascii: "\""))
    }

    private static let unicodeEscape = Array("\\u00".utf8)

    /// Quoted when empty (an empty text, not an absent one), or holding a quote, comma or line
    /// break, or a space or tab at either end.
    static func appendCSVField(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        func isEdge(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        let quoted = bytes.isEmpty || isEdge(bytes.first!) || isEdge(bytes.last!)
            || bytes.contains { $0 == quote || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard quoted else { out.append(contentsOf: bytes); return }
        out.append(quote)
        var runStart = 0
        for (index, byte) in bytes.enumerated() where byte == quote {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...index]))
            out.append(quote)  // a quote inside is doubled
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        out.append(quote)
    }
}
