import Crypto

/// The chain rule of docs/audit.md: the canonical text of an entry and its SHA-256.
/// The database computes the same text in audit.canonical_text(); a test keeps the two equal.
public enum AuditHashing {
    public static let formatTag = "fkp-audit-v1"
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Each field as `<UTF-8 byte count>:<text>\n`, or `-\n` when absent, in the documented order.
    public static func canonicalText(_ e: AuditEntry) -> String {
        let fields: [String?] = [
            formatTag, e.chain, String(e.seq), e.prevHash, e.occurredAt, e.actor, e.actorRole,
            e.forumID.map { String($0) }, e.regionCode, e.action, e.reason, e.decisionRef,
            e.tableName, e.operation, e.rowKey, e.oldRow, e.newRow,
        ]
        var text = ""
        for field in fields {
            if let field {
                text += "\(field.utf8.count):\(field)\n"
            } else {
                text += "-\n"
            }
        }
        return text
    }

    public static func hash(_ e: AuditEntry) -> String {
        hex(SHA256.hash(data: Array(canonicalText(e).utf8)))
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
