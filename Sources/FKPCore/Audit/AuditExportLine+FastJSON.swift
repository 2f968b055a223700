extension AuditExportLine {
    /// Reads a JSON line exactly as the exporter writes it (keys in column order, no spaces) from
    /// its bytes, without building a dictionary; nil when the line has any other shape, which the
    /// caller then reads with a general JSON parser. Verification reads a million lines.
    static func fastFields(_ line: ArraySlice<UInt8>) -> [String?]? {
        var i = line.startIndex
        let end = line.endIndex
        var fields: [String?] = []
        fields.reserveCapacity(columns.count)
        func expect(_ byte: UInt8) -> Bool {
            guard i < end, line[i] == byte else { return false }
            i += 1
            return true
        }
        for (index, key) in keyBytes.enumerated() {
            guard expect(index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")), line[i...].starts(with: key) else { return nil }
            i += key.count
            guard expect(UInt8(ascii: ":")), i < end else { return nil }
            switch line[i] {
            case UInt8(ascii: "n"):
                guard line[i...].starts(with: nullBytes) else { return nil }
                i += 4
                fields.append(nil)
            case UInt8(ascii: "\""):
                i += 1
                var text: [UInt8] = []
                while i < end, line[i] != UInt8(ascii: "\"") {
                    if line[i] == UInt8(ascii: "\\") {
                        i += 1
                        guard i < end else { return nil }
                        switch line[i] {
                        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(line[i])
                        case UInt8(ascii: "n"): text.append(UInt8(ascii: "\n"))
                        case UInt8(ascii: "r"): text.append(UInt8(ascii: "\r"))
                        case UInt8(ascii: "t"): text.append(UInt8(ascii: "\t"))
                        default: return nil  // \u, \b, \f: left to the general parser
                        }
                    } else {
                        text.append(line[i])
                    }
                    i += 1
                }
                guard expect(UInt8(ascii: "\"")) else { return nil }
                fields.append(String(decoding: text, as: UTF8.self))
            default:
                let start = i
                while i < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[i]) || line[i] == UInt8(ascii: "-") { i += 1 }
                guard i > start else { return nil }
                fields.append(String(decoding: line[start..<i], as: UTF8.self))
            }
        }
        guard expect(UInt8(ascii: "}")), i == end else { return nil }
        return fields
    }

    private static let keyBytes = columns.map { Array("\"\($0)\"".utf8) }
    private static let nullBytes = Array("null".utf8)
}
