/// The head of a forum's audit chain as recorded at a closing: the sequence number and hash of the
/// entry that closed it. Printed on the minutes so that anyone holding the paper can compare it
/// with an export.
public struct ChainHead: Sendable, Equatable {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// The hash in groups of four characters ("3f2a 9c01 ..."), easy to compare by eye.
    public var blocks: String { Self.blocks(hash) }

    /// Any hexadecimal digest in groups of four (re-ranking runs print theirs the same way).
    public static func blocks(_ hash: String) -> String {
        var groups: [Substring] = []
        var rest = Substring(hash)
        while !rest.isEmpty {
            groups.append(rest.prefix(4))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }
}
