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
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256 + (e.oldRow?.utf8.count ?? 0) + (e.newRow?.utf8.count ?? 0))
        func append(_ field: String?) {
            guard let field else {
                bytes.append(UInt8(ascii: "-"))
                bytes.append(UInt8(ascii: "\n"))
                return
            }
            bytes.append(contentsOf: String(field.utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: field.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        append(formatTag)
        append(e.chain)
        append(String(e.seq))
        append(e.prevHash)
        append(e.occurredAt)
        append(e.actor)
        append(e.actorRole)
        append(e.forumID.map { String($0) })
        append(e.regionCode)
        append(e.action)
        append(e.reason)
        append(e.decisionRef)
        append(e.tableName)
        append(e.operation)
        append(e.rowKey)
        append(e.oldRow)
        append(e.newRow)
        return bytes
    }

    public static func hash(_ e: AuditEntry) -> String {
        hex(SHA256.hash(data: canonicalBytes(e)))
    }

    public static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
