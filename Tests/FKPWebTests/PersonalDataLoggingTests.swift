import FKPStore
import FKPTestSupport
@testable import FKPWeb
import Foundation
import HummingbirdTesting
import Logging
import XCTest

/// Personal numbers are never logged, not even with LOG_LEVEL=trace, where the database driver
/// would write every row it receives as its bytes.
final class PersonalDataLoggingTests: XCTestCase {
    /// Every line a logger writes, with its metadata, kept in memory.
    final class KeptLines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        var text: String { lock.withLock { lines.joined(separator: "\n") } }
        func add(_ line: String) { lock.withLock { lines.append(line) } }
    }

    struct KeepingHandler: LogHandler {
        let kept: KeptLines
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            let all = self.metadata.merging(metadata ?? [:]) { $1 }
            kept.add("\(level) \(message) \(all.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))")
        }
    }

    func testAPageOfWholeNumbersLeavesNoneInATraceLog() async throws {
        let kept = KeptLines()
        let logger = Logger(label: "fkp.trace-test") { _ in KeepingHandler(kept: kept) }  // at trace
        try await withTestDatabase { db, url in
            try await SQLTest.write(db, TestAccounts.world)
            let app = try await buildApplication(config: try await WebTest.serverConfig(url), logger: logger)
            try await app.test(.router) { client in
                var staff = TestBrowser(client)
                try await staff.login("bps", TestAccounts.password)
                let unit = try await staff.get("/regions/32010100010001")
                XCTAssertTrue(unit.text.contains("3201014501800001"), "BPS staff see the whole NIK: the rows were read")
            }
        }
        let log = kept.text
        XCTAssertTrue(log.contains("trace"), "the logger took trace lines: \(log.prefix(500))")
        for number in ["3201014501800001", "3201010101000001"] {
            let hex = number.utf8.map { String(format: "%02x", $0) }.joined()
            XCTAssertFalse(log.contains(number), "\(number) is in the log")
            XCTAssertFalse(log.contains(hex), "\(number) is in the log as bytes")
            XCTAssertFalse(log.contains(String(hex.prefix(20))), "the start of \(number) is in the log as bytes")
        }
        XCTAssertFalse(log.contains("$2b$") || log.contains("24326224"), "no password hash either")
    }
}
