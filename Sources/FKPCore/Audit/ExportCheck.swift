import Crypto
import Dispatch
import Foundation

/// Checks an audit export without a database: fed the file's bytes in any pieces, it hashes them,
/// re-checks every chain entry by entry, and at the end compares what it saw with the manifest and
/// the manifest's signature. Each problem names the first broken entry and how it is broken.
public struct ExportCheck {
    public let format: AuditExportLine.Format
    private var hasher = SHA256()
    /// Bytes fed but not yet checked: the lines of a block are checked together.
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
    /// Entries known from outside the export (`ChainAnchor`), by chain and number: their places in
    /// `anchors`, and the hash the file holds at each.
    private let anchors: [ChainAnchor]
    private let anchorPlaces: [String: [Int64: [Int]]]
    private var anchorsFound: [Int: ChainHash] = [:]

    /// Big enough that reading a block's JSON lines on every core costs little to arrange.
    public static let blockSize = 4 << 20

    /// A check of an export in `format` that must also hold each of `anchors` with its hash.
    public init(format: AuditExportLine.Format, anchors: [ChainAnchor] = []) {
        self.format = format
        self.anchors = anchors
        anchorPlaces = anchors.enumerated().reduce(into: [:]) { places, anchor in
            places[anchor.element.chain, default: [:]][anchor.element.seq, default: []].append(anchor.offset)
        }
    }

    public mutating func feed(_ bytes: some Collection<UInt8>) {
        pending.append(contentsOf: bytes)
        if pending.count >= Self.blockSize { checkWholeLines() }
    }

    /// Checks the pending lines up to the last line feed, and keeps the rest for the next block.
    private mutating func checkWholeLines() {
        guard let end = pending.withUnsafeBufferPointer({ $0.lastIndex(of: UInt8(ascii: "\n")) }).map({ $0 + 1 }) else { return }
        checkLines(count: end, lastEndsFile: false)
        pending.removeSubrange(..<end)
    }

    /// Hashes the first `count` pending bytes and checks their lines; the last one needs no line
    /// feed when it ends the file.
    private mutating func checkLines(count: Int, lastEndsFile: Bool) {
        var lines: [Range<Int>] = []
        pending.withUnsafeBytes { bytes in
            var start = 0
            while start < count, let found = memchr(bytes.baseAddress! + start, Int32(UInt8(ascii: "\n")), count - start) {
                let end = bytes.baseAddress!.distance(to: found)
                lines.append(start..<end)
                start = end + 1
            }
            if lastEndsFile, start < count { lines.append(start..<count) }
        }
        switch format {
        case .jsonl:
            for outcome in readInParallel(lines, hashingFirst: count) {
                lineNumber += 1
                guard unreadable == nil else { continue }
                switch outcome {
                case .read(let d):
                    check(chain: d.chain, seq: d.seq, prevHash: d.prevHash, hash: d.hash, contentMatches: d.contentMatches)
                case .unreadable(let problem):
                    unreadable = .init(line: lineNumber, problem: problem)
                }
            }
        case .csv:
            pending.withUnsafeBufferPointer { hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: $0[..<count]))) }
            for line in lines { takeCSVLine(pending[line]) }
        }
    }

    private enum LineOutcome {
        case read(AuditExportLine.Digest)
        case unreadable(String)
    }

    /// Reads and hashes the lines on every core, in slices, while one of them hashes the bytes
    /// for the manifest's file checksum; the outcomes come back in the file's order.
    private mutating func readInParallel(_ lines: [Range<Int>], hashingFirst count: Int) -> [LineOutcome] {
        let sliceCount = lines.count < 64 ? 1 : ProcessInfo.processInfo.activeProcessorCount * 4
        let sliceLength = (lines.count + sliceCount - 1) / max(sliceCount, 1)
        var slices = [[LineOutcome]](repeating: [], count: sliceCount)
        // Each iteration touches its own slice, or the hasher alone: nothing is shared between them.
        nonisolated(unsafe) var hasher = self.hasher
        pending.withUnsafeBufferPointer { bytes in
            nonisolated(unsafe) let bytes = bytes
            slices.withUnsafeMutableBufferPointer { slices in
                nonisolated(unsafe) let slices = slices
                DispatchQueue.concurrentPerform(iterations: sliceCount + 1) { index in
                    guard index < sliceCount else {
                        return hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[..<count])))
                    }
                    var scratch = AuditExportLine.DigestScratch()
                    slices[index] = lines[min(index * sliceLength, lines.count)..<min((index + 1) * sliceLength, lines.count)].map { line in
                        Self.read(UnsafeBufferPointer(rebasing: bytes[line]), scratch: &scratch)
                    }
                }
            }
        }
        self.hasher = hasher
        return slices.flatMap { $0 }
    }

    private static func read(_ line: UnsafeBufferPointer<UInt8>, scratch: inout AuditExportLine.DigestScratch) -> LineOutcome {
        if let digest = AuditExportLine.digest(line, scratch: &scratch) { return .read(digest) }
        do {
            let entry = try AuditExportLine.parseJSONL(Array(line)[...], line: 0)
            return .read(.init(chain: entry.chain, seq: entry.seq, prevHash: ChainHash(entry.prevHash), hash: ChainHash(entry.hash),
                               contentMatches: AuditHashing.hash(entry) == entry.hash))
        } catch let error as AuditExportLine.Unreadable {
            return .unreadable(error.problem)
        } catch {
            return .unreadable("\(error)")
        }
    }

    /// A CSV record may span lines (inside quotes), so CSV is read line by line, in order.
    private mutating func takeCSVLine(_ bytes: ArraySlice<UInt8>) {
        lineNumber += 1
        guard unreadable == nil else { return }
        let line = String(decoding: bytes, as: UTF8.self)
        if lineNumber == 1 {
            if line != AuditExportLine.header(.csv).dropLast() { unreadable = .init(line: 1, problem: "not the export's CSV header") }
            return
        }
        if !csv.isInsideRecord { recordStart = lineNumber }
        do {
            if let record = csv.feed(Substring(line)) {
                let entry = try AuditExportLine.parseCSV(record, line: recordStart)
                check(chain: entry.chain, seq: entry.seq, prevHash: ChainHash(entry.prevHash), hash: ChainHash(entry.hash),
                      contentMatches: AuditHashing.hash(entry) == entry.hash)
            }
        } catch let error as AuditExportLine.Unreadable {
            unreadable = error
        } catch {
            unreadable = .init(line: lineNumber, problem: "\(error)")
        }
    }

    private mutating func check(chain: String, seq: Int64, prevHash: ChainHash, hash: ChainHash, contentMatches: @autoclosure () -> Bool) {
        spans.add(chain: chain, seq: seq, previousHash: prevHash, hash: hash)
        if !anchorPlaces.isEmpty, let places = anchorPlaces[chain]?[seq] {
            // The first entry under that number: a second one is reported as inserted.
            for place in places where anchorsFound[place] == nil { anchorsFound[place] = hash }
        }
        if verifier.check(chain: chain, seq: seq, prevHash: prevHash, hash: hash, contentMatches: contentMatches()) {
            problemLines[chain] = format == .csv ? recordStart : lineNumber
        }
    }

    /// Every problem found, first the file's own, then its agreement with the manifest, the
    /// anchors, and the signature by `trustedKey` (base64; the manifest's own key when nil). Empty
    /// when all holds.
    public mutating func finish(manifest: ExportManifest, trustedKey: String?) -> [String] {
        checkLines(count: pending.count, lastEndsFile: true)
        pending = []
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
        for (place, anchor) in anchors.enumerated() {
            if let problem = anchor.problem(found: anchorsFound[place], spans: seen) { problems.append(problem) }
        }
        if !manifest.isSigned(by: trustedKey ?? manifest.publicKey) {
            problems.append(trustedKey != nil && trustedKey != manifest.publicKey
                ? "wrong signature: the manifest is not signed by the trusted key"
                : "wrong signature: the manifest was changed after it was signed")
        }
        return problems
    }
}
