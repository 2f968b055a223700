import FKPCore
import XCTest

final class AuditChainVerifierTests: XCTestCase {
    func chain(_ count: Int, name: String = "forum:1") -> [AuditEntry] {
        var entries: [AuditEntry] = []
        var previous = AuditHashing.genesisHash
        for seq in 1...count {
            var entry = AuditHashingTests.sample
            entry.chain = name
            entry.seq = Int64(seq)
            entry.prevHash = previous
            entry.newRow = #"{"n": \#(seq)}"#
            entry.hash = AuditHashing.hash(entry)
            previous = entry.hash
            entries.append(entry)
        }
        return entries
    }

    func verify(_ entries: [AuditEntry]) -> AuditChainVerifier {
        var verifier = AuditChainVerifier()
        entries.forEach { verifier.check($0) }
        return verifier
    }

    func testAnIntactChainVerifiesAndReportsItsHead() {
        let entries = chain(5)
        let verifier = verify(entries)
        XCTAssertTrue(verifier.isValid)
        XCTAssertEqual(verifier.chains["forum:1"]?.headHash, entries.last?.hash)
        XCTAssertEqual(verifier.chains["forum:1"]?.count, 5)
    }

    func testAChangedValueIsReportedAtItsEntry() {
        var entries = chain(5)
        entries[2].newRow = #"{"n": 99}"#
        XCTAssertEqual(verify(entries).problems, [.changed(chain: "forum:1", seq: 3)])
    }

    func testADeletedEntryIsReportedAsMissing() {
        var entries = chain(5)
        entries.remove(at: 1)
        XCTAssertEqual(verify(entries).problems, [.missing(chain: "forum:1", expectedSeq: 2, foundSeq: 3)])
    }

    /// A forged second entry under a number is reported at that number whichever of the two comes
    /// first (the database reads entries by chain and number only).
    func testAnInsertedEntryIsReported() {
        let entries = chain(5)
        var forged = entries[1]
        forged.newRow = #"{"forged": true}"#
        forged.hash = AuditHashing.hash(forged)
        for place in [2, 1] {
            var tampered = entries
            tampered.insert(forged, at: place)
            XCTAssertEqual(verify(tampered).problems, [.inserted(chain: "forum:1", seq: 2)], "forgery at \(place)")
        }
    }

    func testARenumberedForgeryBreaksTheLink() {
        var entries = chain(3)
        var forged = entries[2]
        forged.prevHash = AuditHashing.genesisHash
        forged.hash = AuditHashing.hash(forged)
        entries[2] = forged
        XCTAssertEqual(verify(entries).problems, [.brokenLink(chain: "forum:1", seq: 3)])
    }

    func testChainsAreCheckedIndependently() {
        var a = chain(3, name: "forum:1")
        let b = chain(3, name: "forum:2")
        a[0].actor = "someone else"
        let verifier = verify(a + b)
        XCTAssertEqual(verifier.problems, [.changed(chain: "forum:1", seq: 1)])
        XCTAssertNil(verifier.chains["forum:2"]?.problem)
    }

    func testChainsCheckedApartAndMergedReportWhatOneVerifierReports() {
        var a = chain(3, name: "forum:1")
        var b = chain(4, name: "forum:2")
        a[1].reason = "diubah"
        b.remove(at: 2)
        var merged = verify(b)
        merged.merge(verify(a))
        XCTAssertEqual(merged.problems, verify(a + b).problems)
        XCTAssertEqual(merged.problems, [.changed(chain: "forum:1", seq: 2), .missing(chain: "forum:2", expectedSeq: 3, foundSeq: 4)])
        XCTAssertEqual(merged.chains["forum:2"]?.count, 3)
    }
}
