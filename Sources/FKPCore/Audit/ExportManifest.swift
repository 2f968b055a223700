import Crypto
import Foundation

/// What lies beside an audit export (docs/audit.md, section 5): what was asked, the entries of
/// each chain with their first and last hashes, the SHA-256 of the export file, and an Ed25519
/// signature by the server's key over the manifest's signing text.
public struct ExportManifest: Codable, Sendable, Equatable {
    public struct Request: Codable, Sendable, Equatable {
        public var forum: Int64?
        public var region: String?
        public var from: String?
        public var to: String?
        public var format: String
        /// The last entry id the export covers, so that a file and its manifest describe the same entries.
        public var untilEntry: Int64

        enum CodingKeys: String, CodingKey {
            case forum, region, from, to, format
            case untilEntry = "until_entry"
        }

        public init(forum: Int64?, region: String?, from: String?, to: String?, format: String, untilEntry: Int64) {
            self.forum = forum
            self.region = region
            self.from = from
            self.to = to
            self.format = format
            self.untilEntry = untilEntry
        }

        /// Every key is written, an absent one as null, so that a verifier of the reader's own finds
        /// each one it rebuilds the signing text from (the synthesised coding leaves absent ones out).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(forum, forKey: .forum)
            try container.encode(region, forKey: .region)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(format, forKey: .format)
            try container.encode(untilEntry, forKey: .untilEntry)
        }
    }

    public struct Chain: Codable, Sendable, Equatable {
        public var chain: String
        public var entries: Int64
        public var firstSeq: Int64
        public var firstPrevHash: String
        public var firstHash: String
        public var lastSeq: Int64
        public var lastHash: String

        enum CodingKeys: String, CodingKey {
            case chain, entries
            case firstSeq = "first_seq", firstPrevHash = "first_prev_hash", firstHash = "first_hash"
            case lastSeq = "last_seq", lastHash = "last_hash"
        }
    }

    public var format = "fkp-audit-export-v1"
    public var request: Request
    public var fileSHA256: String
    public var entries: Int64
    public var chains: [Chain]
    public var masking = "personal numbers appear as the commitments stored in the chain (pii:<sha256>), never in clear"
    public var publicKey: String
    public var signature: String

    enum CodingKeys: String, CodingKey {
        case format, request, entries, chains, masking, signature
        case fileSHA256 = "file_sha256", publicKey = "public_key"
    }

    public init(request: Request, fileSHA256: String, entries: Int64, chains: [Chain]) {
        self.request = request
        self.fileSHA256 = fileSHA256
        self.entries = entries
        self.chains = chains
        publicKey = ""
        signature = ""
    }

    /// Counts the chains of an export as its lines go by (in chain, then sequence order).
    public struct ChainSpans: Sendable {
        /// The chains passed; the one being read keeps its hashes as values until it is asked for
        /// (a string per entry cost an allocation, a million times an export).
        private var passed: [Chain] = []
        private var current: Current?
        public private(set) var entries: Int64 = 0

        public init() {}

        public var chains: [Chain] { passed + (current.map { [$0.span] } ?? []) }

        public mutating func add(chain: String, seq: Int64, previousHash: ChainHash, hash: ChainHash) {
            entries += 1
            if current?.chain == chain {
                current!.entries += 1
                current!.lastSeq = seq
                current!.lastHash = hash
            } else {
                if let current { passed.append(current.span) }
                current = Current(chain: chain, entries: 1, firstSeq: seq, firstPrevHash: previousHash, firstHash: hash,
                                  lastSeq: seq, lastHash: hash)
            }
        }

        private struct Current: Sendable {
            var chain: String
            var entries: Int64
            var firstSeq: Int64
            var firstPrevHash: ChainHash
            var firstHash: ChainHash
            var lastSeq: Int64
            var lastHash: ChainHash

            var span: Chain {
                Chain(chain: chain, entries: entries, firstSeq: firstSeq, firstPrevHash: firstPrevHash.description,
                      firstHash: firstHash.description, lastSeq: lastSeq, lastHash: lastHash.description)
            }
        }
    }

    /// The text the signature covers: one line per fact, in a fixed order, so that any verifier can
    /// rebuild it from the JSON without re-serialising JSON.
    public var signingText: String {
        var text = "\(format)\n"
        text += "request forum=\(request.forum.map { String($0) } ?? "-") region=\(request.region ?? "-") "
            + "from=\(request.from ?? "-") to=\(request.to ?? "-") format=\(request.format) until=\(request.untilEntry)\n"
        text += "file_sha256 \(fileSHA256)\nentries \(entries)\n"
        for c in chains {
            text += "chain \(c.chain) \(c.entries) \(c.firstSeq) \(c.firstPrevHash) \(c.firstHash) \(c.lastSeq) \(c.lastHash)\n"
        }
        return text
    }

    public mutating func sign(with key: Curve25519.Signing.PrivateKey) throws {
        publicKey = key.publicKey.rawRepresentation.base64EncodedString()
        signature = try key.signature(for: Data(signingText.utf8)).base64EncodedString()
    }

    /// Whether the signature is valid for `key` (base64 of the raw 32-byte public key).
    public func isSigned(by key: String) -> Bool {
        guard let raw = Data(base64Encoded: key), let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
              let signature = Data(base64Encoded: signature) else { return false }
        return publicKey.isValidSignature(signature, for: Data(signingText.utf8))
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> ExportManifest {
        let decoder = JSONDecoder()
        return try decoder.decode(ExportManifest.self, from: data)
    }
}
