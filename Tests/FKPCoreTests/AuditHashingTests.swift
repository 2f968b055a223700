import Crypto
import FKPCore
import XCTest

final class AuditHashingTests: XCTestCase {
    static let sample = AuditEntry(
        id: 1, chain: "forum:7", seq: 1, prevHash: AuditHashing.genesisHash, hash: "",
        occurredAt: "2026-11-22T01:02:03.000004Z", actor: "ketua.rt", actorRole: "sls_head", forumID: 7,
        regionCode: nil, action: "review.verdict", reason: "Pak RT kenal keluarga ini", decisionRef: nil,
        tableName: "fkp.reviews", operation: "UPDATE", rowKey: "7/F1", oldRow: #"{"verdict": null}"#,
        newRow: #"{"verdict": "sesuai", "nama": "Nur'aini Ñ"}"#)

    func testCanonicalTextLengthPrefixesEveryFieldInBytesAndMarksAbsentOnes() {
        let text = AuditHashing.canonicalText(Self.sample)
        XCTAssertTrue(text.hasPrefix("12:fkp-audit-v1\n7:forum:7\n1:1\n64:"))
        XCTAssertTrue(text.contains("\n1:7\n-\n14:review.verdict\n"), "an absent region is written as '-'")
        XCTAssertTrue(text.hasSuffix("44:{\"verdict\": \"sesuai\", \"nama\": \"Nur'aini Ñ\"}\n"), "Ñ counts as two bytes")
    }

    /// The expected value was computed independently with Python's hashlib from docs/audit.md.
    func testHashMatchesAnIndependentImplementation() {
        XCTAssertEqual(AuditHashing.hash(Self.sample), "57fb99c15beff0bd1b5201d54b92c617a20ddf047d0840397fd9e9e96683027b")
    }

    /// The verifier compares hashes as values: equal exactly when their texts are.
    func testAHashIsEqualToAnotherExactlyWhenTheirTextsAre() {
        let digest = SHA256.hash(data: Array("fkp".utf8))
        let spelled = AuditHashing.hex(digest)
        XCTAssertEqual(ChainHash(digest), ChainHash(spelled))
        XCTAssertEqual(ChainHash(spelled).description, spelled)
        let lastDigitChanged = String(spelled.dropLast()) + (spelled.last == "0" ? "1" : "0")
        for other in [spelled.uppercased(), lastDigitChanged, String(spelled.dropLast(2)), spelled + "00", "g" + spelled.dropFirst(), "", "diubah"] {
            XCTAssertNotEqual(ChainHash(other), ChainHash(digest), other)
            XCTAssertEqual(ChainHash(other), ChainHash(other), "the same text: \(other)")
            XCTAssertEqual(ChainHash(other).description, other, "kept as written")
        }
        // The bytes just outside the digits' and letters' ranges, as a byte's first digit and as its second.
        for outside in ["/", ":", "`", "g", "A", "F", "\u{0}", "é"] {
            for place in [0, 1, 62, 63] {
                var text = Array(spelled)
                text[place] = Character(outside)
                let other = String(text)
                XCTAssertEqual(ChainHash(other), .other(other), "\(outside) at \(place)")
            }
        }
        let everyDigit = String(repeating: "0123456789abcdef", count: 4)
        XCTAssertEqual(ChainHash(everyDigit).description, everyDigit)
        XCTAssertEqual(ChainHash.genesis, .sha256(SIMD32<UInt8>()))
        XCTAssertEqual(AuditHashing.hex([0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef]), "0123456789abcdef", "every digit")
    }
}
