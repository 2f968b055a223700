import Crypto
import Foundation
import XCTest

@testable import FKPCore
@testable import FKPStore

/// The export checker reads a file of several blocks (read on every core), and its quick reader
/// hashes exactly what the chain rule hashes, whatever the bytes of a field.
final class ExportCheckTests: XCTestCase {
    /// The entry's line as the exporter writes it.
    static func line(_ e: AuditEntry) -> String {
        let cells = [e.chain, String(e.seq), e.prevHash, e.hash, e.occurredAt, e.actor, e.actorRole, e.forumID.map { String($0) }, e.regionCode,
                     e.action, e.reason, e.decisionRef, e.tableName, e.operation, e.rowKey, e.oldRow, e.newRow]
        return String(decoding: ExportLineWriter(format: .jsonl).line(cells).dropLast(), as: UTF8.self)
    }

    /// A chain of `count` entries whose rows hold JSON texts (escapes every few bytes) of varied lengths.
    static func chain(_ count: Int, reason: (Int) -> String? = { $0 % 3 == 0 ? nil : "alasan \($0) — ü" }) -> [AuditEntry] {
        var previous = AuditHashing.genesisHash
        return (1...count).map { seq in
            let row = #"{"reason": "\#(String(repeating: "x", count: seq % 23))", "verdict": "sesuai", "version": \#(seq), "#
                + #""family_id": "F\#(seq)", "order_note": "catatan\n\"\#(seq)\"", "note": "\#(String(repeating: "é", count: seq % 9))"}"#
            var entry = AuditEntry(id: 0, chain: "forum:9", seq: Int64(seq), prevHash: previous, hash: "", occurredAt: "2026-12-02T01:02:03.000004Z",
                                   actor: "ketua.rt", actorRole: "sls_head", forumID: seq % 5 == 0 ? nil : 9, regionCode: seq % 2 == 0 ? nil : "3201",
                                   action: "review.save", reason: reason(seq), decisionRef: nil, tableName: "fkp.reviews", operation: "UPDATE",
                                   rowKey: "9/F\(seq)", oldRow: seq % 4 == 0 ? nil : row, newRow: row + String(repeating: " ", count: seq % 8))
            entry.hash = AuditHashing.hash(entry)
            previous = entry.hash
            return entry
        }
    }

    static func manifest(for lines: [String]) throws -> ExportManifest {
        var spans = ExportManifest.ChainSpans()
        for line in lines {
            let entry = try AuditExportLine.parseJSONL(Array(line.utf8)[...], line: 0)
            spans.add(chain: entry.chain, seq: entry.seq, previousHash: ChainHash(entry.prevHash), hash: ChainHash(entry.hash))
        }
        let file = lines.map { $0 + "\n" }.joined()
        var manifest = ExportManifest(request: .init(forum: 9, region: nil, from: nil, to: nil, format: "jsonl", untilEntry: 0),
                                      fileSHA256: AuditHashing.hex(SHA256.hash(data: Array(file.utf8))), entries: spans.entries, chains: spans.chains)
        try manifest.sign(with: Curve25519.Signing.PrivateKey())
        return manifest
    }

    static func check(_ file: String, _ manifest: ExportManifest, piece: Int = 1 << 20) -> (problems: [String], entries: Int64) {
        let bytes = Array(file.utf8)
        var check = ExportCheck(format: .jsonl)
        for start in stride(from: 0, to: bytes.count, by: piece) { check.feed(bytes[start..<min(start + piece, bytes.count)]) }
        return (check.finish(manifest: manifest, trustedKey: nil), check.entries)
    }

    func testTheQuickReaderHashesWhatTheChainRuleHashes() throws {
        for entry in Self.chain(40) {
            var scratch = AuditExportLine.DigestScratch()
            let bytes = Array(Self.line(entry).utf8)
            let digest = try XCTUnwrap(bytes.withUnsafeBufferPointer { AuditExportLine.digest($0, scratch: &scratch) }, "entry \(entry.seq)")
            XCTAssertEqual([digest.chain, String(digest.seq), digest.prevHash.description, digest.hash.description],
                           [entry.chain, String(entry.seq), entry.prevHash, entry.hash])
            XCTAssertTrue(digest.contentMatches, "entry \(entry.seq)")
            // Any byte of any field changed, and the content no longer matches.
            var changed = bytes
            let at = try XCTUnwrap(changed.lastIndex(of: UInt8(ascii: "F")))
            changed[at] = UInt8(ascii: "G")
            XCTAssertEqual(changed.withUnsafeBufferPointer { AuditExportLine.digest($0, scratch: &scratch) }?.contentMatches, false)
        }
    }

    /// Numbers are hashed as their own decimal text, read and written here without strings: at the
    /// ends of their range too, and in a line of the database's columns as in a file's line.
    func testTheQuickReaderHashesNumbersAsTheirOwnText() throws {
        var scratch = AuditExportLine.DigestScratch()
        for (seq, forum) in [(Int64.max, Int64.min), (Int64.min, Int64.max), (-1, 0), (0, -10), (1_000_000_000_000, 10)] as [(Int64, Int64?)] {
            var entry = Self.chain(1)[0]
            (entry.seq, entry.forumID) = (seq, forum)
            entry.hash = AuditHashing.hash(entry)
            let digest = try XCTUnwrap(Array(Self.line(entry).utf8).withUnsafeBufferPointer { AuditExportLine.digest($0, scratch: &scratch) })
            XCTAssertEqual(digest.seq, seq)
            XCTAssertTrue(digest.contentMatches, "seq \(seq), forum \(String(describing: forum))")
        }
        var entry = Self.chain(1)[0]
        entry.hash = AuditHashing.hash(entry)
        for outOfRange in ["9223372036854775808", "-9223372036854775809", "-"] {
            let line = Self.line(entry).replacingOccurrences(of: #""seq":1"#, with: #""seq":\#(outOfRange)"#)
            XCTAssertNil(Array(line.utf8).withUnsafeBufferPointer { AuditExportLine.digest($0, scratch: &scratch) }, outOfRange)
        }
    }

    func testTheQuickReaderLeavesWhatItCannotReadToTheGeneralParser() throws {
        var scratch = AuditExportLine.DigestScratch()
        let entry = Self.chain(1)[0]
        for odd in [Self.line(entry).replacingOccurrences(of: #""actor":"ketua.rt""#, with: #""actor":null"#),
                    Self.line(entry).replacingOccurrences(of: #""seq":1"#, with: #""seq":1-2"#),
                    Self.line(entry).replacingOccurrences(of: #""actor":"ketua.rt""#, with: #""actor":"k\u0065tua.rt""#),
                    Self.line(entry).replacingOccurrences(of: #""operation""#, with: #" "operation""#)] {
            XCTAssertNil(Array(odd.utf8).withUnsafeBufferPointer { AuditExportLine.digest($0, scratch: &scratch) }, odd)
        }
    }

    func testAFileOfSeveralBlocksIsCheckedAndItsBreaksNamedByLine() throws {
        // The exporter writes control characters as \u escapes, which only the general parser reads.
        var lines = Self.chain(9000, reason: { $0 == 4321 ? "tab\u{1}bell" : "alasan \($0) — ü" }).map(Self.line)
        let file = lines.map { $0 + "\n" }.joined()
        XCTAssertGreaterThan(file.utf8.count, ExportCheck.blockSize)
        let manifest = try Self.manifest(for: lines)
        for piece in [1 << 20, 4099] {
            let intact = Self.check(file, manifest, piece: piece)
            XCTAssertEqual(intact.problems, [])
            XCTAssertEqual(intact.entries, 9000)
        }
        // A changed reason deep in the second block: named by its line, however the file is read.
        lines[7000] = lines[7000].replacingOccurrences(of: "alasan 7001", with: "alasan 7002")
        let changed = Self.check(lines.map { $0 + "\n" }.joined(), manifest)
        XCTAssertEqual(changed.problems.first, "line 7001: chain forum:9, entry 7001: changed (its content does not match its hash)")
        // A line that is not JSON at all.
        lines[7000] = "not json"
        let unreadable = Self.check(lines.map { $0 + "\n" }.joined(), manifest, piece: 65_537)
        XCTAssertEqual(unreadable.problems.first, "line 7001: unreadable (not a JSON object)")
    }
}
