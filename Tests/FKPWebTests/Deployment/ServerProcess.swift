import FKPStore
import FKPTestSupport
import Foundation
import XCTest

/// `fkp serve` as its own process (the debug build the test run made), as systemd or compose runs
/// it: configured by the environment, logging to a file the test reads.
final class ServerProcess: @unchecked Sendable {
    let port: Int
    let logFile: String
    private let process = Process()

    /// Starts the server on a free port of 127.0.0.1 and waits until /healthz answers.
    init(database: DatabaseURL, folder: String, name: String, environment extra: [String: String] = [:]) throws {
        port = try LocalPostgres.freePort()
        logFile = "\(folder)/\(name).log"
        FileManager.default.createFile(atPath: logFile, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        process.executableURL = URL(fileURLWithPath: TestPostgres.packageRoot + "/.build/debug/fkp")
        process.arguments = ["serve"]
        process.currentDirectoryURL = URL(fileURLWithPath: TestPostgres.packageRoot)
        process.environment = [
            "PATH": "/usr/bin:/bin", "DATABASE_URL": database.urlString, "HOST": "127.0.0.1", "PORT": String(port),
            "FKP_BCRYPT_COST": "10", "FKP_EXPORT_KEY_FILE": "\(folder)/export-signing.key", "LOG_LEVEL": "info",
        ].merging(extra) { $1 }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try waitUntil(seconds: 60, "\(name) answers /healthz") {
            (try? LoopbackHTTP(timeoutSeconds: 2).get(port, "/healthz"))?.status == 200
        }
    }

    var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    /// SIGTERM, as systemd stops it; true when the server then exits by itself within 20 seconds
    /// (its own bound is 15, ServerLifecycle; it is killed otherwise, so a test never hangs on it).
    @discardableResult
    func stop() -> Bool {
        guard process.isRunning else { return true }
        process.terminate()
        let exited = (try? waitUntil(seconds: 20, "fkp exits") { !process.isRunning }) != nil
        if !exited {
            kill(process.processIdentifier, SIGKILL)
            try? waitUntil(seconds: 5, "fkp killed") { !process.isRunning }
        }
        return exited
    }

    deinit { stop() }
}

struct TimedOut: Error, CustomStringConvertible {
    let description: String
}

/// Polls `condition` every 100 ms until it holds, or fails naming what was awaited.
func waitUntil(seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return }
        Thread.sleep(forTimeInterval: 0.1)
    }
    throw TimedOut(description: "waited \(seconds) s for: \(what)")
}

/// A folder of its own for a test's processes, their logs and their temporary files; removed
/// when the test passes, kept (with the logs) when it fails.
func deploymentFolder(for test: XCTestCase) throws -> String {
    let folder = NSTemporaryDirectory() + "fkp-deploy-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // nginx workers and PostgreSQL (other users when the tests run as root) work in it too.
    try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder)
    test.addTeardownBlock {
        if test.testRun?.totalFailureCount == 0 { try? FileManager.default.removeItem(atPath: folder) }
    }
    return folder
}
