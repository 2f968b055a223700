import Foundation
import NIOConcurrencyHelpers
import XCTest

@testable import FKPStore

/// The key that signs export manifests: made on first use in a file only its owner can read, from
/// the instant it exists, and one key however many processes start at once.
final class ExportSigningKeyTests: XCTestCase {
    func testAKeyIsMadePrivateOnceAndReadBackTheSame() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/keys/export.key"
        let made = try ExportSigningKey.loadOrCreate(at: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        XCTAssertEqual(attributes[.posixPermissions] as? Int, 0o600)
        XCTAssertEqual(try ExportSigningKey.loadOrCreate(at: path).publicKey, made.publicKey)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder + "/keys"), ["export.key"], "nothing left beside it")
    }

    func testMakersStartingAtOnceAllGetTheOneKeyOnFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/export.key"
        let found = NIOLockedValueBox<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let key = try? ExportSigningKey.loadOrCreate(at: path).publicKey
            found.withLockedValue { $0.append(key ?? "failed") }
        }
        let onFile = try ExportSigningKey.loadOrCreate(at: path).publicKey
        XCTAssertEqual(found.withLockedValue { $0 }, Array(repeating: onFile, count: 16))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["export.key"])
    }

    func testAFileThatIsNotAKeyIsRefusedAndKept() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "not a key\n".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try ExportSigningKey.loadOrCreate(at: path)) { XCTAssertTrue($0 is ExportSigningKey.Unreadable, "\($0)") }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "not a key\n")
    }

    /// Something there that cannot be read is refused, not replaced by a new key.
    func testAPathThatCannotBeReadIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        XCTAssertThrowsError(try ExportSigningKey.loadOrCreate(at: path)) { XCTAssertTrue($0 is ExportSigningKey.Unreadable, "\($0)") }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path), [])
    }
}
