import Crypto

/// Checks an audit export without a database: fed the file's bytes in any pieces, it hashes them,
/// re-checks every chain entry by entry, and at the end compares what it saw with the manifest and
/// the manifest's signature. Each problem names the first broken entry and how it is broken.
public struct ExportCheck {
    public let format: AuditExportLine.Format
    private var hasher = SHA256()
    private var pending: [UInt8] = []
    private var lineNumber = 0
    private var csv = AuditExportLine.CSVRecords()
    private var recordStart = 0
    private var verifier = AuditChainVerifier(chainsMayStartAnywhere: true)
    /// The chains as the file holds them, to compare with the manifest's.
    private var spans = ExportManifest.ChainSpans()
    /// The line of each chain's first problem.
    private var problemLines: [String: Int] = [:]
    private var unreadable: AuditExportLine.Unreadable?
    public var entries: Int64 { spans.entries }

    public init(format: AuditExportLine.Format) { self.format = format }

    public mutating func feed(_ bytes: some Collection<UInt8>) {
        pending.append(contentsOf: bytes)
        let newLines = pending.withUnsafeBufferPointer { buffer in
            hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[(buffer.count - bytes.count)...])))
            return buffer.indices.filter { buffer[$0] == UInt8(ascii: "\n") }
        }
        var start = pending.startIndex
        for end in newLines {
            take(pending[start..<end])
            start = end + 1
        }
        pending.removeSubrange(..<start)
    }

    private mutating func take(_ bytes: ArraySlice<UInt8>) {
        lineNumber += 1
        guard unreadable == nil else { return }
        do {
            switch format {
            case .jsonl:
                check(try AuditExportLine.parseJSONL(bytes, line: lineNumber))
            case .csv:
                let line = String(decoding: bytes, as: UTF8.self)
                if lineNumber == 1 {
                    if line != AuditExportLine.header(.csv).dropLast() { unreadable = .init(line: 1, problem: "not the export's CSV header") }
                    return
                }
                if !csv.isInsideRecord { recordStart = lineNumber }
                if let record = csv.feed(Substring(line)) { check(try AuditExportLine.parseCSV(record, line: recordStart)) }
            }
        } catch let error as AuditExportLine.Unreadable {
            unreadable = error
        } catch {
            unreadable = .init(line: lineNumber, problem: "\(error)")
        }
    }

    private mutating func check(_ entry: AuditEntry) {
        spans.add(chain: entry.chain, seq: entry.seq, previousHash: entry.prevHash, hash: entry.hash)
        let hadProblem = verifier.chains[entry.chain]?.problem != nil
        verifier.check(entry)
        if !hadProblem, verifier.chains[entry.chain]?.problem != nil { problemLines[entry.chain] = format == .csv ? recordStart : lineNumber }
    }

    /// Every problem found, first the file's own, then its agreement with the manifest and the
    /// signature by `trustedKey` (base64; the manifest's own key when nil). Empty when all holds.
    public mutating func finish(manifest: ExportManifest, trustedKey: String?) -> [String] {
        if !pending.isEmpty {
            take(pending[...])
            pending = []
        }
        var problems: [String] = []
        if let unreadable { problems.append(unreadable.description) }
        for problem in verifier.problems {
            let chain: String
            switch problem {
            case .changed(let c, _), .missing(let c, _, _), .brokenLink(let c, _), .inserted(let c, _): chain = c
            }
            problems.append("line \(problemLines[chain] ?? 0): \(problem)")
        }
        let fileSHA = AuditHashing.hex(hasher.finalize())
        if fileSHA != manifest.fileSHA256 {
            problems.append("the file's SHA-256 is \(fileSHA), the manifest says \(manifest.fileSHA256): the file was changed after export")
        }
        if entries != manifest.entries {
            problems.append("the file holds \(entries) entries, the manifest says \(manifest.entries): entries were added or dropped")
        }
        let seen = spans.chains
        for chain in manifest.chains where !seen.contains(chain) {
            let found = seen.first { $0.chain == chain.chain }
            problems.append("chain \(chain.chain): the manifest says \(chain.entries) entries, seq \(chain.firstSeq)–\(chain.lastSeq), "
                + "last hash \(chain.lastHash); the file has "
                + (found.map { "\($0.entries) entries, seq \($0.firstSeq)–\($0.lastSeq), last hash \($0.lastHash)" } ?? "none"))
        }
        for chain in seen where !manifest.chains.contains(where: { $0.chain == chain.chain }) {
            problems.append("chain \(chain.chain): in the file but not in the manifest")
        }
        if !manifest.isSigned(by: trustedKey ?? manifest.publicKey) {
            problems.append(trustedKey != nil && trustedKey != manifest.publicKey
                ? "wrong signature: the manifest is not signed by the trusted key"
                : "wrong signature: the manifest was changed after it was signed")
        }
        return problems
    }
}
