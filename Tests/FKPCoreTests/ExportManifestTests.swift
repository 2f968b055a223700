import Crypto
import Foundation
import XCTest

@testable import FKPCore

/// The manifest as a verifier of the reader's own sees it: every key it rebuilds the signing text from is there.
final class ExportManifestTests: XCTestCase {
    static func signed(_ request: ExportManifest.Request, key: Curve25519.Signing.PrivateKey) throws -> ExportManifest {
        var manifest = ExportManifest(request: request, fileSHA256: String(repeating: "ab", count: 32), entries: 0, chains: [])
        try manifest.sign(with: key)
        return manifest
    }

    func testWhatWasNotAskedIsWrittenAsNull() throws {
        let key = Curve25519.Signing.PrivateKey()
        let manifest = try Self.signed(.init(forum: 12, region: nil, from: nil, to: "2026-12-01T02:00:00.000000Z", format: "csv", untilEntry: 7), key: key)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: manifest.encoded()) as? [String: Any])
        let request = try XCTUnwrap(json["request"] as? [String: Any])
        XCTAssertEqual(Set(request.keys), ["forum", "region", "from", "to", "format", "until_entry"])
        XCTAssertTrue(request["region"] is NSNull)
        XCTAssertTrue(request["from"] is NSNull)
        XCTAssertEqual(request["forum"] as? Int, 12)
        XCTAssertEqual(request["to"] as? String, "2026-12-01T02:00:00.000000Z")
        XCTAssertTrue(manifest.signingText.contains("request forum=12 region=- from=- to=2026-12-01T02:00:00.000000Z format=csv until=7\n"))
    }

    /// Manifests written before the nulls were leave the keys out: they are read as before, and their signatures still hold.
    func testAManifestThatLeavesOutWhatWasNotAskedIsStillRead() throws {
        let key = Curve25519.Signing.PrivateKey()
        let manifest = try Self.signed(.init(forum: nil, region: "3201", from: nil, to: nil, format: "jsonl", untilEntry: 9), key: key)
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: manifest.encoded()) as? [String: Any])
        json["request"] = ["region": "3201", "format": "jsonl", "until_entry": 9]
        let read = try ExportManifest.decode(JSONSerialization.data(withJSONObject: json))
        XCTAssertEqual(read, manifest)
        XCTAssertTrue(read.isSigned(by: key.publicKey.rawRepresentation.base64EncodedString()))
    }
}
