/// An entry of a chain known from outside an export: the head printed on a forum's minutes, or a
/// chain's first or last entry in an earlier export's manifest. Whoever can write the database and
/// knows the chain rule can rebuild a chain from a changed entry onward, every hash computed again,
/// and it verifies; what they cannot do is match a hash already held elsewhere. An export of a
/// history unchanged since then still holds that entry with that hash (docs/audit.md, section 6).
public struct ChainAnchor: Sendable, Equatable {
    public var chain: String
    public var seq: Int64
    public var hash: ChainHash
    /// Where it was taken from, for the report: "the minutes", "the earlier manifest old.json".
    public var source: String

    public init(chain: String, seq: Int64, hash: ChainHash, source: String) {
        self.chain = chain
        self.seq = seq
        self.hash = hash
        self.source = source
    }

    /// Reads `CHAIN SEQ HASH` as copied from the minutes ("forum:12 57 3f2a 9c01 ..."): the hash's
    /// groups of four may be written apart or together, in either case. What cannot be read is
    /// refused, saying what is wrong.
    public static func typed(_ text: String, source: String = "the minutes") -> Result<ChainAnchor, TypedAnchorProblem> {
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count >= 3 else { return .failure(.init(text: text, problem: "give the chain, the entry number and the hash")) }
        guard let seq = Int64(words[1]), seq >= 1 else {
            return .failure(.init(text: text, problem: "'\(words[1])' is not an entry number"))
        }
        let hash = words.dropFirst(2).joined().lowercased()
        // ASCII digits only: Character.isHexDigit also takes their full-width forms.
        guard hash.count == 64, hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            return .failure(.init(text: text, problem: "the hash must be 64 hexadecimal digits, 0-9 and a-f; \(hash.count) characters were given"))
        }
        return .success(ChainAnchor(chain: String(words[0]), seq: seq, hash: ChainHash(hash), source: source))
    }

    public struct TypedAnchorProblem: Error, CustomStringConvertible {
        public let text: String
        public let problem: String
        public var description: String { "'\(text)': \(problem)" }
    }

    /// The first and last entry of each chain of `manifest`.
    public static func anchors(of manifest: ExportManifest, source: String) -> [ChainAnchor] {
        manifest.chains.flatMap { chain in
            [ChainAnchor(chain: chain.chain, seq: chain.firstSeq, hash: ChainHash(chain.firstHash), source: source),
             ChainAnchor(chain: chain.chain, seq: chain.lastSeq, hash: ChainHash(chain.lastHash), source: source)]
        }
    }

    /// What an export whose chains are `spans`, and which held `found` at this entry (nil: not
    /// held), says of this anchor: nil when it holds the entry with the anchor's hash.
    func problem(found: ChainHash?, spans: [ExportManifest.Chain]) -> String? {
        let entry = "chain \(chain), entry \(seq)"
        if let found {
            guard found != hash else { return nil }
            return "\(entry): the hash is \(found), not \(hash) as in \(source): the history up to this entry was changed since"
        }
        guard let span = spans.first(where: { $0.chain == chain }) else {
            return "\(entry), as in \(source), cannot be compared: the chain is not in this export"
        }
        if span.lastSeq < seq {
            return "\(entry), as in \(source), is not in this export, whose chain ends at entry \(span.lastSeq): "
                + "entries were removed, or the export ends earlier (its --to)"
        }
        if span.firstSeq > seq {
            return "\(entry), as in \(source), cannot be compared: this export's chain starts at entry \(span.firstSeq) (its --from)"
        }
        return "\(entry), as in \(source), is not in this export, though its chain runs from entry \(span.firstSeq) "
            + "to \(span.lastSeq): the entry was removed"
    }
}
