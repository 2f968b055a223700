/// Re-checks chains entry by entry and names the first break of each, and how it is broken.
public struct AuditChainVerifier: Sendable {
    public enum Problem: Sendable, Equatable, CustomStringConvertible {
        /// The entry's content no longer matches its hash.
        case changed(chain: String, seq: Int64)
        /// A sequence number is missing before this one.
        case missing(chain: String, expectedSeq: Int64, foundSeq: Int64)
        /// The entry's hash is right for its content but it does not link to the entry before it.
        case brokenLink(chain: String, seq: Int64)
        /// A sequence number appears twice, or out of order.
        case inserted(chain: String, seq: Int64)

        public var description: String {
            switch self {
            case .changed(let chain, let seq):
                "chain \(chain), entry \(seq): changed (its content does not match its hash)"
            case .missing(let chain, let expected, let found):
                "chain \(chain): entry \(expected) is missing or out of place (next found is \(found))"
            case .brokenLink(let chain, let seq):
                "chain \(chain), entry \(seq): inserted or reordered (previous hash does not match)"
            case .inserted(let chain, let seq):
                "chain \(chain), entry \(seq): inserted or reordered (sequence number repeats or goes back)"
            }
        }
    }

    public struct ChainState: Sendable, Equatable {
        public var count: Int64 = 0
        public var lastSeq: Int64 = 0
        public var headHash: String = AuditHashing.genesisHash
        public var firstHash: String?
        public var problem: Problem?
    }

    public private(set) var chains: [String: ChainState] = [:]
    /// An export of a time range starts chains anywhere: their first entry is taken as given
    /// (its sequence number and previous hash are compared with the manifest instead).
    let chainsMayStartAnywhere: Bool

    public init(chainsMayStartAnywhere: Bool = false) { self.chainsMayStartAnywhere = chainsMayStartAnywhere }

    /// Feed entries in chain order (by seq within each chain; chains may interleave).
    public mutating func check(_ entry: AuditEntry) {
        check(chain: entry.chain, seq: entry.seq, prevHash: entry.prevHash, hash: entry.hash,
              contentMatches: AuditHashing.hash(entry) == entry.hash)
    }

    /// An entry read as its export columns' bytes (`AuditExportLine.digest`).
    public mutating func check(_ digest: AuditExportLine.Digest) {
        check(chain: digest.chain, seq: digest.seq, prevHash: digest.prevHash, hash: digest.hash, contentMatches: digest.contentMatches)
    }

    /// An entry's place in its chain, and whether its content matches its hash (asked only while
    /// the chain holds: after its first break a chain's entries are not looked at). True when this
    /// entry is the chain's first break.
    @discardableResult
    mutating func check(chain: String, seq: Int64, prevHash: String, hash: String, contentMatches: @autoclosure () -> Bool) -> Bool {
        // One lookup, the state changed in place: verification runs a million times a second.
        Self.advance(&chains[chain, default: ChainState()], chain: chain, seq: seq, prevHash: prevHash, hash: hash,
                     startsAnywhere: chainsMayStartAnywhere, contentMatches: contentMatches())
    }

    private static func advance(_ state: inout ChainState, chain: String, seq: Int64, prevHash: String, hash: String,
                                startsAnywhere: Bool, contentMatches: @autoclosure () -> Bool) -> Bool {
        guard state.problem == nil else { return false }
        state.count += 1
        if state.firstHash == nil {
            state.firstHash = hash
            if startsAnywhere {
                state.lastSeq = seq - 1
                state.headHash = prevHash
            }
        }
        if seq <= state.lastSeq {
            state.problem = .inserted(chain: chain, seq: seq)
        } else if seq != state.lastSeq + 1 {
            state.problem = .missing(chain: chain, expectedSeq: state.lastSeq + 1, foundSeq: seq)
        } else if !contentMatches() {
            state.problem = .changed(chain: chain, seq: seq)
        } else if prevHash != state.headHash {
            state.problem = .brokenLink(chain: chain, seq: seq)
        }
        state.lastSeq = seq
        state.headHash = hash
        return state.problem != nil
    }

    /// Takes in what another verifier found of other chains (chains can be checked apart: a
    /// chain's entries only link to each other).
    public mutating func merge(_ other: AuditChainVerifier) {
        chains.merge(other.chains) { mine, _ in mine }
    }

    public var problems: [Problem] { chains.keys.sorted().compactMap { chains[$0]?.problem } }
    public var isValid: Bool { problems.isEmpty }
}
