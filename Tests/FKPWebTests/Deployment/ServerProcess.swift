import FKPStore
import FKPTestSupport
import Foundation
import XCTest

/// `fkp serve` as its own process (the debug build the test run made), as systemd or compose runs
/// it: configured by the environment, logging to a file the test reads. With `restartOnFailure`,
/// a process that exits with a failure is started again after half a second on the same port, as
/// `Restart=on-failure` in deploy/fkp.service does, and the failure is noted in `failures`.
final class ServerProcess: @unchecked Sendable {
    let port: Int
    let logFile: String
    private let launch: () throws -> Process
    private let lock = NSLock()
    private var process: Process
    private var stopping = false
    private var failureNotes: [String] = []
    private var fatalLinesSeen = 0

    /// Starts the server on a free port of 127.0.0.1 and waits until /healthz answers.
    init(database: DatabaseURL, folder: String, name: String, environment extra: [String: String] = [:],
         restartOnFailure: Bool = false) throws {
        let port = try LocalPostgres.freePort()
        let logFile = "\(folder)/\(name).log"
        self.port = port
        self.logFile = logFile
        _ = FileManager.default.createFile(atPath: logFile, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        let environment = [
            "PATH": "/usr/bin:/bin", "DATABASE_URL": database.urlString, "HOST": "127.0.0.1", "PORT": String(port),
            "FKP_BCRYPT_COST": "10", "FKP_EXPORT_KEY_FILE": "\(folder)/export-signing.key", "LOG_LEVEL": "info",
        ].merging(extra) { $1 }
        launch = {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: TestPostgres.packageRoot + "/.build/debug/fkp")
            process.arguments = ["serve"]
            process.currentDirectoryURL = URL(fileURLWithPath: TestPostgres.packageRoot)
            process.environment = environment
            process.standardOutput = log
            process.standardError = log
            try process.run()
            return process
        }
        process = try launch()
        try waitUntil(seconds: 60, "\(name) answers /healthz") {
            (try? LoopbackHTTP(timeoutSeconds: 2).get(port, "/healthz"))?.status == 200
        }
        if restartOnFailure { Thread.detachNewThread { [weak self] in self?.superviseUntilStopped() } }
    }

    var log: String { (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? "" }

    /// How each failed process ended: its exit status and the log's "Fatal error" line, if any.
    var failures: [String] { lock.withLock { failureNotes } }

    private func superviseUntilStopped() {
        while true {
            Thread.sleep(forTimeInterval: 0.1)
            let ended: Process? = lock.withLock { stopping || process.isRunning ? nil : process }
            guard let ended else {
                if lock.withLock({ stopping }) { return }
                continue
            }
            guard ended.terminationReason == .uncaughtSignal || ended.terminationStatus != 0 else { return }
            let fatalLines = log.split(separator: "\n").filter { $0.contains("Fatal error") }
            let fatal = fatalLines.count > fatalLinesSeen ? String(fatalLines.last!) : "no fatal error logged"
            fatalLinesSeen = fatalLines.count
            Thread.sleep(forTimeInterval: 0.5)
            lock.withLock {
                failureNotes.append("exit \(ended.terminationStatus): \(fatal)")
                guard !stopping, let restarted = try? launch() else { return }
                process = restarted
            }
        }
    }

    /// SIGTERM, as systemd stops it; true when the server then exits by itself within 20 seconds
    /// (its own bound is 15, ServerLifecycle; it is killed otherwise, so a test never hangs on it).
    @discardableResult
    func stop() -> Bool {
        let process = lock.withLock {
            stopping = true
            return self.process
        }
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
/// when the test passes, kept when it fails, and then the end of each log is printed, since CI
/// keeps only what the run printed.
func deploymentFolder(for test: XCTestCase) throws -> String {
    let folder = NSTemporaryDirectory() + "fkp-deploy-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // nginx workers and PostgreSQL (other users when the tests run as root) work in it too.
    try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder)
    test.addTeardownBlock {
        if test.testRun?.totalFailureCount == 0 {
            try? FileManager.default.removeItem(atPath: folder)
        } else {
            printLogEnds(in: folder)
        }
    }
    return folder
}

/// The last 40 lines of every `.log` file under `folder`, after its "Fatal error" lines (a crash's
/// backtrace would push them out of the end).
private func printLogEnds(in folder: String) {
    let logs = (FileManager.default.subpaths(atPath: folder) ?? []).filter { $0.hasSuffix(".log") }.sorted()
    for log in logs {
        let lines = ((try? String(contentsOfFile: folder + "/" + log, encoding: .utf8)) ?? "").split(separator: "\n")
        print("--- \(folder)/\(log): its fatal errors, then its end ---")
        for line in lines where line.contains("Fatal error") { print(line) }
        for line in lines.suffix(40) { print(line) }
    }
}
