import Crypto

/// The chain rule of docs/audit.md: the canonical text of an entry and its SHA-256.
/// The database computes the same text in audit.canonical_text(); a test keeps the two equal.
public enum AuditHashing {
    public static let formatTag = "fkp-audit-v1"
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Each field as `<UTF-8 byte count>:<text>\n`, or `-\n` when absent, in the documented order.
    public static func canonicalText(_ e: AuditEntry) -> String {
        String(decoding: canonicalBytes(e), as: UTF8.self)
    }

    /// The canonical text as UTF-8 bytes, built without intermediate strings (verification hashes
    /// hundreds of thousands of entries a second).
    static func canonicalBytes(_ e: AuditEntry) -> [UInt8] {
        var text = CanonicalText()
        text.bytes.reserveCapacity(256 + (e.oldRow?.utf8.count ?? 0) + (e.newRow?.utf8.count ?? 0))
        for field in [e.chain, String(e.seq), e.prevHash, e.occurredAt, e.actor, e.actorRole, e.forumID.map { String($0) },
                      e.regionCode, e.action, e.reason, e.decisionRef, e.tableName, e.operation, e.rowKey, e.oldRow, e.newRow] {
            text.append(field)
        }
        return text.bytes
    }

    /// The canonical text being written: the format tag, then each field in the documented order
    /// (the export's columns without `hash`).
    struct CanonicalText {
        var bytes: [UInt8]

        init() {
            bytes = []
            append(formatTag)
        }

        /// Starts again with only the format tag, keeping the storage.
        mutating func reset() {
            bytes.removeAll(keepingCapacity: true)
            append(formatTag)
        }

        mutating func append(_ field: String?) {
            guard var field else { return append(nil as UnsafeBufferPointer<UInt8>?) }
            field.withUTF8 { append($0) }
        }

        mutating func append(_ field: UnsafeBufferPointer<UInt8>?) {
            guard let field else {
                bytes.append(UInt8(ascii: "-"))
                bytes.append(UInt8(ascii: "\n"))
                return
            }
            appendLength(field.count)
            bytes.append(contentsOf: field)
            bytes.append(UInt8(ascii: "\n"))
        }

        /// A number as its decimal text, written without making a string.
        mutating func append(_ number: Int64) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { text in
                append(UnsafeBufferPointer(rebasing: text[Self.writeDecimal(number, endingAt: 20, in: text)..<20]))
            }
        }

        /// `<count>:`, appended as one piece (a digit at a time it took 2% of a verify-export's samples).
        private mutating func appendLength(_ count: Int) {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { text in
                text[20] = UInt8(ascii: ":")
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[Self.writeDecimal(Int64(count), endingAt: 20, in: text)...]))
            }
        }

        /// Writes `number` in decimal into `text` so that it ends just before `end`; returns where it starts.
        private static func writeDecimal(_ number: Int64, endingAt end: Int, in text: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var start = end
            var rest = number.magnitude
            repeat {
                start -= 1
                text[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            if number < 0 {
                start -= 1
                text[start] = UInt8(ascii: "-")
            }
            return start
        }
    }

    public static func hash(_ e: AuditEntry) -> String {
        hex(SHA256.hash(data: canonicalBytes(e)))
    }

    /// The lower-case hex digit of a number below 16. Computed, not looked up in a table: a global
    /// table is reached through a one-time-initialisation check at every use.
    @inline(__always)
    public static func lowerHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
    }

    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in digest {
            out.append(lowerHexDigit(byte >> 4))
            out.append(lowerHexDigit(byte & 0x0f))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
