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
        public var headHash: ChainHash = .genesis
        public var firstHash: ChainHash?
        /// The first entry this verifier saw of the chain: where the entries read before it must end.
        public var start: Start?
        public var problem: Problem?

        public struct Start: Sendable, Equatable {
            public var seq: Int64
            public var prevHash: ChainHash
        }

        /// The chain read on from this state's last entry: `later` is what a verifier that took its
        /// first entry as given (`chainsMayStartAnywhere`) found of the entries after it. The result
        /// is what one verifier fed both parts would have found: the first break, and where the
        /// chain stands.
        mutating func readOn(_ later: ChainState, chain: String) {
            guard problem == nil, let start = later.start else { return }
            if start.seq <= lastSeq {
                problem = .inserted(chain: chain, seq: start.seq)
            } else if start.seq != lastSeq + 1 {
                problem = .missing(chain: chain, expectedSeq: lastSeq + 1, foundSeq: start.seq)
            } else if later.problem == .changed(chain: chain, seq: start.seq) {
                problem = later.problem
            } else if start.prevHash != headHash {
                problem = .brokenLink(chain: chain, seq: start.seq)
            } else {
                problem = later.problem
            }
            count += later.count
            lastSeq = later.lastSeq
            headHash = later.headHash
            if firstHash == nil { (firstHash, self.start) = (later.firstHash, start) }
        }
    }

    public private(set) var chains: [String: ChainState] = [:]
    /// An export of a time range starts chains anywhere: their first entry is taken as given
    /// (its sequence number and previous hash are compared with the manifest instead).
    let chainsMayStartAnywhere: Bool

    public init(chainsMayStartAnywhere: Bool = false) { self.chainsMayStartAnywhere = chainsMayStartAnywhere }

    /// Feed entries in chain order (by seq within each chain; chains may interleave).
    public mutating func check(_ entry: AuditEntry) {
        check(chain: entry.chain, seq: entry.seq, prevHash: ChainHash(entry.prevHash), hash: ChainHash(entry.hash),
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
    mutating func check(chain: String, seq: Int64, prevHash: ChainHash, hash: ChainHash, contentMatches: @autoclosure () -> Bool) -> Bool {
        // One lookup, the state changed in place: verification runs a million times a second.
        Self.advance(&chains[chain, default: ChainState()], chain: chain, seq: seq, prevHash: prevHash, hash: hash,
                     startsAnywhere: chainsMayStartAnywhere, contentMatches: contentMatches())
    }

    private static func advance(_ state: inout ChainState, chain: String, seq: Int64, prevHash: ChainHash, hash: ChainHash,
                                startsAnywhere: Bool, contentMatches: @autoclosure () -> Bool) -> Bool {
        guard state.problem == nil else { return false }
        state.count += 1
        if state.firstHash == nil {
            state.firstHash = hash
            state.start = ChainState.Start(seq: seq, prevHash: prevHash)
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

    /// Takes in what another verifier found reading on from where this one stopped: `later` was fed
    /// the entries that come after this one's (in the order both were read) and took each chain's
    /// first entry as given (`chainsMayStartAnywhere`). Each chain must go on where this verifier's
    /// ends, or begin as a chain begins when this one saw none of it. Entries can so be checked in
    /// parts at once, and the result is what one verifier fed them all would report.
    public mutating func readOn(_ later: AuditChainVerifier) {
        for (name, state) in later.chains {
            chains[name, default: ChainState()].readOn(state, chain: name)
        }
    }

    public var problems: [Problem] { chains.keys.sorted().compactMap { chains[$0]?.problem } }
    public var isValid: Bool { problems.isEmpty }
}
