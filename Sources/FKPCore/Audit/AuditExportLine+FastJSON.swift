import Crypto

extension AuditExportLine {
    /// Reads a JSON line exactly as the exporter writes it (keys in column order, no spaces) from
    /// its bytes, without building a dictionary; nil when the line has any other shape, which the
    /// caller then reads with a general JSON parser.
    static func fastFields(_ line: ArraySlice<UInt8>) -> [String?]? {
        var fields: [String?] = []
        fields.reserveCapacity(columns.count)
        var scratch: [UInt8] = []
        let read = line.withUnsafeBufferPointer { bytes in
            scanFields(bytes, unescaped: &scratch) { _, field in fields.append(field.map { String(decoding: $0, as: UTF8.self) }) }
        }
        return read ? fields : nil
    }

    /// What checking an entry's place in its chain needs, and whether its content still matches its hash.
    public struct Digest: Sendable {
        public let chain: String
        public let seq: Int64
        public let prevHash: ChainHash
        public let hash: ChainHash
        public let contentMatches: Bool
    }

    /// Reusable buffers for `digest`, one per thread.
    public struct DigestScratch {
        var canonical = AuditHashing.CanonicalText()
        var unescaped: [UInt8] = []

        public init() {}
    }

    /// Checks a line as the exporter writes it straight from its bytes: the canonical text is built
    /// from the fields in place (the columns are its order, with `hash` beside it) and hashed, with
    /// no string made but the four the chain check compares. Verification reads a million lines a
    /// run; nil for any line of another shape or with a field amiss, which `parseJSONL` then reads
    /// and, when it is wrong, names.
    static func digest(_ line: UnsafeBufferPointer<UInt8>, scratch: inout DigestScratch) -> Digest? {
        digest(canonical: &scratch.canonical, unescaped: &scratch.unescaped) { unescaped, visit in
            scanFields(line, unescaped: &unescaped, visit)
        }
    }

    /// Checks an entry given as the text of its export columns in their order (nil where absent),
    /// as the database sends them; nil when a column is missing or a required one is absent.
    public static func digest(columns: [UnsafeBufferPointer<UInt8>?], scratch: inout DigestScratch) -> Digest? {
        digest(canonical: &scratch.canonical, unescaped: &scratch.unescaped) { _, visit in
            guard columns.count == self.columns.count else { return false }
            for (index, column) in columns.enumerated() { visit(index, column) }
            return true
        }
    }

    /// Builds the digest from the fields `walk` hands to its visitor (column index, bytes), with
    /// `unescaped` lent to it as scratch; `walk` returns false when the entry could not be read whole.
    @inline(__always)
    private static func digest(canonical: inout AuditHashing.CanonicalText, unescaped: inout [UInt8],
                               walk: (inout [UInt8], (Int, UnsafeBufferPointer<UInt8>?) -> Void) -> Bool) -> Digest? {
        canonical.reset()
        var chain: String?, seq: Int64?, prevHash: ChainHash?, hash: ChainHash?
        var sound = true
        let read = walk(&unescaped) { index, field in
            if field == nil, requiredColumns.contains(index) { sound = false }
            switch index {
            case 0:
                chain = field.map { String(decoding: $0, as: UTF8.self) }
            case 1, 7:
                guard let field else { break }
                guard let number = Int64(decimal: field) else { sound = false; return }
                if index == 1 { seq = number }
                canonical.append(number)  // as the number's own text, as parseJSONL reads it back
                return
            case 2:
                prevHash = field.map(ChainHash.init)
            case 3:
                hash = field.map(ChainHash.init)
                return
            default:
                break
            }
            canonical.append(field)
        }
        guard read, sound, let chain, let seq, let prevHash, let hash else { return nil }
        let computed = canonical.bytes.withUnsafeBufferPointer { SHA256.hash(data: $0) }
        return Digest(chain: chain, seq: seq, prevHash: prevHash, hash: hash, contentMatches: ChainHash(computed) == hash)
    }

    /// Walks a line as the exporter writes it, handing each field's bytes (nil for null) to `visit`
    /// with its column index; strings arrive unescaped, in `unescaped`, which only lives until the
    /// next field. False when the line has any other shape.
    private static func scanFields(_ line: UnsafeBufferPointer<UInt8>, unescaped: inout [UInt8],
                                   _ visit: (Int, UnsafeBufferPointer<UInt8>?) -> Void) -> Bool {
        // Unescaping never lengthens a string; copyRun writes up to eight bytes past its end.
        if unescaped.count < line.count + 8 { unescaped = [UInt8](repeating: 0, count: max(line.count + 8, 2 * unescaped.count)) }
        return unescaped.withUnsafeMutableBufferPointer { out in scanFields(line, out: out.baseAddress!, visit) }
    }

    private static func scanFields(_ line: UnsafeBufferPointer<UInt8>, out: UnsafeMutablePointer<UInt8>,
                                   _ visit: (Int, UnsafeBufferPointer<UInt8>?) -> Void) -> Bool {
        var i = 0
        let end = line.count
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
            guard expect(index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")), startsHere(key) else { return false }
            i += key.count
            guard expect(UInt8(ascii: ":")), i < end else { return false }
            switch line[i] {
            case UInt8(ascii: "n"):
                guard startsHere(nullBytes) else { return false }
                i += 4
                visit(index, nil)
            case quote:
                i += 1
                var o = 0
                while true {
                    copyRun(line, &i, out, &o)
                    guard i < end else { return false }
                    if line[i] == quote { break }
                    i += 1  // the backslash
                    guard i < end else { return false }
                    switch line[i] {
                    case quote, backslash, UInt8(ascii: "/"): out[o] = line[i]
                    case UInt8(ascii: "n"): out[o] = UInt8(ascii: "\n")
                    case UInt8(ascii: "r"): out[o] = UInt8(ascii: "\r")
                    case UInt8(ascii: "t"): out[o] = UInt8(ascii: "\t")
                    default: return false  // \u, \b, \f: left to the general parser
                    }
                    i += 1
                    o += 1
                }
                visit(index, UnsafeBufferPointer(start: out, count: o))
                i += 1  // the closing quote
            default:
                let start = i
                while i < end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[i]) || line[i] == UInt8(ascii: "-") { i += 1 }
                guard i > start else { return false }
                visit(index, UnsafeBufferPointer(rebasing: line[start..<i]))
            }
        }
        return expect(UInt8(ascii: "}")) && i == end
    }

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    /// Copies `line` from `i` to `out` from `o` up to the next quote or backslash, leaving `i` on it
    /// (or at the end); up to eight bytes past the run's end are written to `out`.
    @inline(__always)
    private static func copyRun(_ line: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ out: UnsafeMutablePointer<UInt8>, _ o: inout Int) {
        JSONStringRun.copy(line, &i, to: UnsafeMutableRawPointer(out), &o, controls: false)
    }

    private static let keyBytes = columns.map { Array("\"\($0)\"".utf8) }
    private static let nullBytes = Array("null".utf8)
}
