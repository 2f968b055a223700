import FKPStore
import FKPTestSupport
import Foundation
import PostgresNIO
import XCTest

/// Runs the verifier printed in docs/audit.md against a real chain, so the document cannot drift
/// from what the database computes.
final class AuditDocumentationTests: XCTestCase {
    func testTheVerifierInTheDocumentationAcceptsARealChainAndRejectsATamperedOne() async throws {
        let doc = try String(contentsOfFile: TestPostgres.packageRoot + "/docs/audit.md", encoding: .utf8)
        let start = try XCTUnwrap(doc.range(of: "```python\n"))
        let end = try XCTUnwrap(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let script = NSTemporaryDirectory() + "fkp-doc-verify-\(UUID().uuidString).py"
        try String(doc[start.upperBound..<end.lowerBound]).write(toFile: script, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: script) }

        try await withTestDatabase { db, url in
            try await SQLTest.write(db, SQLTest.places + [SQLTest.family("F1")] + SQLTest.forum())
            // Text a person may type: characters that Python and other readers take for line ends
            // (a line or paragraph separator, a next line) inside a stored value and its row image.
            try await SQLTest.write(db, forum: 1, ["UPDATE fkp.forums SET venue = 'Balai\u{2028}Desa\u{2029}RW\u{85}1' WHERE id = 1"])
            let intact = try Self.run(["python3", script, url.urlString])
            XCTAssertEqual(intact.status, 0, intact.output)
            XCTAssertTrue(intact.output.contains("forum:1: 3 entries"), intact.output)

            try await SQLTest.tamper(db, ["UPDATE audit.entries SET reason = 'rewritten' WHERE chain = 'forum:1' AND seq = 2"])
            let tampered = try Self.run(["python3", script, url.urlString])
            XCTAssertEqual(tampered.status, 1)
            XCTAssertTrue(tampered.output.contains("chain forum:1: entry 2 is broken"), tampered.output)
        }
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
