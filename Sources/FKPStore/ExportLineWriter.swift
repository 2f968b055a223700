import FKPCore
import NIOCore

/// Writes export lines (docs/audit.md, section 5) straight from the database's text bytes, without
/// making strings: an export of a million entries spends its time reading, not formatting. Every
/// column arrives as text; UTF-8 multi-byte sequences hold no byte below 0x80, so escaping byte by
/// byte is escaping character by character.
struct ExportLineWriter {
    let format: AuditExportLine.Format
    /// `{"chain":`, `,"seq":`, ... for JSON Lines, one after another, and where each ends.
    private let keys: [UInt8]
    private let keyEnds: [Int]

    init(format: AuditExportLine.Format) {
        self.format = format
        let each = AuditExportLine.columns.enumerated().map { index, name in Array(((index == 0 ? "{" : ",") + "\"\(name)\":").utf8) }
        keys = Array(each.joined())
        keyEnds = each.reduce(into: []) { ends, key in ends.append((ends.last ?? 0) + key.count) }
    }

    /// Appends the line of one entry, whose 17 columns are in the order of `AuditExportLine.columns`.
    func append(_ cells: [UnsafeBufferPointer<UInt8>?], to out: inout ByteBuffer) {
        switch format {
        case .jsonl: appendJSONLine(cells, to: &out)
        case .csv:
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.writeInteger(UInt8(ascii: ",")) }
                guard let cell else { continue }
                Self.appendCSVField(cell, to: &out)
            }
            out.writeInteger(UInt8(ascii: "\n"))
        }
    }

    /// The line written in place into room for its longest escaping (six bytes a byte, and eight
    /// of slack for the runs), reserved once: a million lines of 17 cells each.
    private func appendJSONLine(_ cells: [UnsafeBufferPointer<UInt8>?], to out: inout ByteBuffer) {
        let room = cells.reduce(keys.count + 10) { $0 + ($1?.count ?? 0) * 6 + 6 }
        _ = keys.withUnsafeBufferPointer { keys in
            out.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { raw in
                let target = raw.baseAddress!
                var w = 0
                func put(_ byte: UInt8) {
                    target.storeBytes(of: byte, toByteOffset: w, as: UInt8.self)
                    w += 1
                }
                var keyStart = 0
                for (index, cell) in cells.enumerated() {
                    let keyEnd = keyEnds[index]
                    (target + w).copyMemory(from: keys.baseAddress! + keyStart, byteCount: keyEnd - keyStart)
                    w += keyEnd - keyStart
                    keyStart = keyEnd
                    guard let cell else {
                        for byte in "null".utf8 { put(byte) }
                        continue
                    }
                    // seq and forum_id are JSON numbers.
                    if index == 1 || index == 7 {
                        if let start = cell.baseAddress { (target + w).copyMemory(from: start, byteCount: cell.count) }
                        w += cell.count
                    } else {
                        Self.writeJSONString(cell, to: target, &w)
                    }
                }
                put(UInt8(ascii: "}"))
                put(UInt8(ascii: "\n"))
                return w
            }
        }
    }


    /// The cell as a JSON string at `w`, which it moves past it: the runs that need no escape are
    /// found and copied eight bytes at a time, eight bytes past them may be written.
    @inline(__always)
    private static func writeJSONString(_ bytes: UnsafeBufferPointer<UInt8>, to target: UnsafeMutableRawPointer, _ w: inout Int) {
        func put(_ byte: UInt8) {
            target.storeBytes(of: byte, toByteOffset: w, as: UInt8.self)
            w += 1
        }
        put(UInt8(ascii: "\""))
        var i = 0
        while true {
            JSONStringRun.copy(bytes, &i, to: target, &w, controls: true)
            guard i < bytes.count else { break }
            let byte = bytes[i]
            put(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
            case UInt8(ascii: "\n"): put(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): put(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): put(UInt8(ascii: "t"))
            default:
                for escape in "u00".utf8 { put(escape) }
                put(AuditHashing.lowerHexDigit(byte >> 4))
                put(AuditHashing.lowerHexDigit(byte & 0x0f))
            }
            i += 1
        }
        put(UInt8(ascii: "\""))
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
