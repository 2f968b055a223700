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
        XCTAssertEqual(verifier.chains["forum:1"]?.headHash.description, entries.last?.hash)
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

    /// Entries read in parts at once (the database verify's two halves of the ids) and joined where
    /// the parts meet report what one verifier fed them all reports, wherever the cut falls: at a
    /// chain's first entry, inside it, at a break, or with a chain only in one part.
    func testPartsReadOnFromEachOtherReportWhatOneVerifierReports() {
        let a = chain(5, name: "forum:1")
        let b = chain(4, name: "forum:2")
        // Two chains interleaved as forums writing at once leave them.
        let intact = [a[0], a[1], b[0], a[2], b[1], b[2], a[3], b[3], a[4]]
        var changed = intact
        changed[3].reason = "diubah"
        var missing = intact
        missing.remove(at: 3)
        var inserted = intact
        inserted.insert(intact[3], at: 7)
        var relinked = intact
        relinked[6].prevHash = AuditHashing.genesisHash
        relinked[6].hash = AuditHashing.hash(relinked[6])
        var restarted = intact
        restarted.removeAll { $0.chain == "forum:2" && $0.seq == 1 }
        for (name, entries) in [("intact", intact), ("changed", changed), ("missing", missing), ("inserted", inserted),
                                ("relinked", relinked), ("restarted", restarted)] {
            let whole = verify(entries)
            for cut in 0...entries.count {
                var earlier = AuditChainVerifier(chainsMayStartAnywhere: true)
                var later = AuditChainVerifier(chainsMayStartAnywhere: true)
                entries[..<cut].forEach { earlier.check($0) }
                entries[cut...].forEach { later.check($0) }
                var joined = AuditChainVerifier()
                joined.readOn(earlier)
                joined.readOn(later)
                XCTAssertEqual(joined.problems, whole.problems, "\(name), cut at \(cut)")
                for chain in ["forum:1", "forum:2"] where whole.chains[chain]?.problem == nil {
                    XCTAssertEqual(joined.chains[chain]?.lastSeq, whole.chains[chain]?.lastSeq, "\(name), cut at \(cut)")
                    XCTAssertEqual(joined.chains[chain]?.headHash, whole.chains[chain]?.headHash, "\(name), cut at \(cut)")
                    XCTAssertEqual(joined.chains[chain]?.firstHash, whole.chains[chain]?.firstHash, "\(name), cut at \(cut)")
                    XCTAssertEqual(joined.chains[chain]?.count, whole.chains[chain]?.count, "\(name), cut at \(cut)")
                }
            }
        }
        XCTAssertEqual(verify(changed).problems, [.changed(chain: "forum:1", seq: 3)])
        XCTAssertEqual(verify(missing).problems, [.missing(chain: "forum:1", expectedSeq: 3, foundSeq: 4)])
        XCTAssertEqual(verify(inserted).problems, [.inserted(chain: "forum:1", seq: 3)])
        XCTAssertEqual(verify(relinked).problems, [.brokenLink(chain: "forum:1", seq: 4)])
        XCTAssertEqual(verify(restarted).problems, [.missing(chain: "forum:2", expectedSeq: 1, foundSeq: 2)])
    }
}
