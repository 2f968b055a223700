extension AuditExportLine {
    /// Reads a JSON line exactly as the exporter writes it (keys in column order, no spaces) from
    /// its bytes, without building a dictionary; nil when the line has any other shape, which the
    /// caller then reads with a general JSON parser. Verification reads a million lines: the bytes
    /// are scanned in place, and a string is copied in runs between its escapes.
    static func fastFields(_ line: ArraySlice<UInt8>) -> [String?]? {
        line.withUnsafeBufferPointer { bytes in fastFields(bytes) }
    }

    private static func fastFields(_ line: UnsafeBufferPointer<UInt8>) -> [String?]? {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var i = 0
        let end = line.count
        var fields: [String?] = []
        fields.reserveCapacity(columns.count)
        func expect(_ byte: UInt8) -> Bool {
            guard i < end, line[i] == byte else { return false }
            i += 1
            return true
        }
        func startsHere(_ expected: [UInt8]) -> Bool {
            guard end - i >= expected.count else { return false }
            for (offset, byte) in expected.enumerated() where line[i + offset] != byte { return false }
            return true
        }
        for (index, key) in keyBytes.enumerated() {
            guard expect(index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")), startsHere(key) else { return nil }
            i += key.count
            guard expect(UInt8(ascii: ":")), i < end else { return nil }
            switch line[i] {
            case UInt8(ascii: "n"):
                guard startsHere(nullBytes) else { return nil }
                i += 4
                fields.append(nil)
            case quote:
                i += 1
                var runStart = i
                var unescaped: [UInt8]?  // only for a string that has escapes
                while true {
                    while i < end, line[i] != quote, line[i] != backslash { i += 1 }
                    guard i < end else { return nil }
                    if line[i] == quote { break }
                    if unescaped == nil { unescaped = [] }
                    unescaped!.append(contentsOf: UnsafeBufferPointer(rebasing: line[runStart..<i]))
                    i += 1
                    guard i < end else { return nil }
                    switch line[i] {
                    case quote, backslash, UInt8(ascii: "/"): unescaped!.append(line[i])
                    case UInt8(ascii: "n"): unescaped!.append(UInt8(ascii: "\n"))
                    case UInt8(ascii: "r"): unescaped!.append(UInt8(ascii: "\r"))
                    case UInt8(ascii: "t"): unescaped!.append(UInt8(ascii: "\t"))
                    default: return nil  // \u, \b, \f: left to the general parser
                    }
                    i += 1
                    runStart = i
                }
                let run = UnsafeBufferPointer(rebasing: line[runStart..<i])
                if var text = unescaped {
                    text.append(contentsOf: run)
                    fields.append(String(decoding: text, as: UTF8.self))
                } else {
                    fields.append(String(decoding: run, as: UTF8.self))
                }
                i += 1  // the closing quote
            default:
                let start = i
                while i < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[i]) || line[i] == UInt8(ascii: "-") { i += 1 }
                guard i > start else { return nil }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[start..<i]), as: UTF8.self))
            }
        }
        guard expect(UInt8(ascii: "}")), i == end else { return nil }
        return fields
    }

    private static let keyBytes = columns.map { Array("\"\($0)\"".utf8) }
    private static let nullBytes = Array("null".utf8)
}
