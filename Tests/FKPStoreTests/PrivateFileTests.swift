import Foundation
import XCTest

@testable import FKPStore

/// Private files (a cluster's password, the export key): mode 0600 from the start, a file there
/// replaced or kept as asked, nothing left beside them.
final class PrivateFileTests: XCTestCase {
    func testAFileIsReplacedOrKeptAsAskedAndIsPrivate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/secret"
        try "older, world-readable\n".write(toFile: path, atomically: false, encoding: .utf8)

        XCTAssertTrue(try PrivateFile.write(Data("new".utf8), to: path, replacing: true))
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o600)

        XCTAssertFalse(try PrivateFile.write(Data("other".utf8), to: path, replacing: false), "a file there is kept")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["secret"], "nothing left beside it")

        XCTAssertThrowsError(try PrivateFile.write(Data(), to: folder + "/missing/secret", replacing: true)) { error in
            XCTAssertTrue("\(error)".contains("cannot write \(folder)/missing/secret: No such file or directory"), "\(error)")
        }
    }
}
