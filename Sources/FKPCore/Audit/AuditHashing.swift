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
            appendDecimal(field.count)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: field)
            bytes.append(UInt8(ascii: "\n"))
        }

        private mutating func appendDecimal(_ value: Int) {
            if value >= 10 { appendDecimal(value / 10) }
            bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
        }
    }

    public static func hash(_ e: AuditEntry) -> String {
        hex(SHA256.hash(data: canonicalBytes(e)))
    }

    /// Whether `hex` spells `digest` in lower-case hex, without spelling the digest: a verifier
    /// asks this of a million entries.
    public static func digest(_ digest: some Sequence<UInt8>, isSpelledBy hex: String) -> Bool {
        var hex = hex
        return hex.withUTF8 { spelled in
            guard spelled.count == 64 else { return false }
            var at = 0
            for byte in digest {
                guard at + 1 < spelled.count, spelled[at] == lowerHexDigit(byte >> 4),
                      spelled[at + 1] == lowerHexDigit(byte & 0x0f) else { return false }
                at += 2
            }
            return at == spelled.count
        }
    }

    /// The lower-case hex digit of a number below 16. Computed, not looked up in a table: a global
    /// table is reached through a one-time-initialisation check at every use, 64 times an entry.
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
