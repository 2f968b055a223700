import FKPStore
import Foundation
import Logging
import PostgresNIO

/// On a server given by TEST_DATABASE_URL, a test run makes a database per test, a template and a
/// sign-in role, each named with the run's process id (`fkp_test_PID_N`, `fkp_template_PID`,
/// `fkp_web_PID`). Without this, every run left about 250 databases (9 MB each) on the developer's
/// server. The run drops its own when it ends, and at its start those of runs that ended without
/// doing so (killed, crashed), whose process is gone; a run still going on beside it keeps its own.
public enum TestRunLeftovers {
    static let databasePattern = "^fkp_(?:test|empty|template)_([0-9]{1,10})(?:_[0-9]+)?$"
    static let rolePattern = "^fkp_web_([0-9]{1,10})$"

    /// Drops the databases and roles of runs whose process `isRunning` denies.
    public static func drop(on server: DatabaseURL, whereRun isRunning: @Sendable (Int32) -> Bool, logger: Logger) async throws {
        try await PostgresClient.with(server.with(database: "postgres"), logger: logger, maximumConnections: 1) { client in
            for (catalog, nameColumn, pattern, kind) in [
                ("pg_database", "datname", databasePattern, "DATABASE"),
                ("pg_roles", "rolname", rolePattern, "ROLE"),
            ] {
                // The catalog, column and statement are the constants above; the names found match the
                // patterns (letters, digits, underscores), so they are safe to splice as identifiers.
                let rows = try await client.query(PostgresQuery(unsafeSQL: """
                    SELECT \(nameColumn)::text, substring(\(nameColumn) from '\(pattern)')::bigint
                      FROM \(catalog) WHERE \(nameColumn) ~ '\(pattern)' ORDER BY 1
                    """), logger: logger)
                var doomed: [String] = []
                for try await (name, pid) in rows.decode((String, Int64).self) where !(Int32(exactly: pid).map(isRunning) ?? false) {
                    doomed.append(name)
                }
                for name in doomed {
                    let force = kind == "DATABASE" ? " WITH (FORCE)" : ""
                    try await client.query(PostgresQuery(unsafeSQL: "DROP \(kind) IF EXISTS \"\(name)\"\(force)"), logger: logger)
                }
            }
        }
    }

    /// Whether a process of this machine has that id (a test server is always a local one).
    public static func processIsRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// This run's own, dropped when the test bundle finishes, pass or fail.
    static func dropWhenRunEnds(on server: DatabaseURL, logger: Logger) {
        let ownPid = getpid()
        RunEnd.register {
            let done = DispatchSemaphore(value: 0)
            Task {
                do {
                    try await drop(on: server, whereRun: { $0 != ownPid }, logger: logger)
                } catch {
                    print("warning: the test run's databases on \(server) were not all dropped: \(error)")
                }
                done.signal()
            }
            done.wait()
        }
    }
}
