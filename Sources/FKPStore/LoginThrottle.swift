import Foundation
import PostgresNIO

/// After five failed logins for one account or from one address within fifteen minutes, each
/// further attempt must wait, twice as long each time (30 seconds, 1, 2, 4 ... up to 15 minutes).
public struct LoginThrottle: Sendable {
    let database: Database
    public static let window: TimeInterval = 15 * 60
    public static let freeFailures = 5

    public init(database: Database) { self.database = database }

    /// Lets a login attempt through, or says how many seconds it must wait. An attempt let through
    /// is counted as a failure at once (a success then clears the account's failures), and the
    /// count and the attempt are one transaction holding the account's and the address's locks:
    /// attempts sent at once are counted one after the other, instead of each passing an empty
    /// count while the others are still checking their passwords.
    public func admit(username: String, address: String, now: Date = Date()) async throws -> Int {
        try await database.read { connection in
            try await connection.transaction(logger: database.logger) { connection in
                // The account's lock first, then the address's, always, so no two attempts each hold what the other waits for.
                try await connection.query("""
                    SELECT pg_advisory_xact_lock(hashtextextended('fkp.login.user:' || \(username), 0)),
                           pg_advisory_xact_lock(hashtextextended('fkp.login.address:' || \(address), 0))
                    """, logger: database.logger)
                let wait = try await Self.wait(username: username, address: address, now: now, on: connection, logger: database.logger)
                if wait == 0 {
                    try await connection.query(
                        "INSERT INTO runtime.login_failures (username, address) VALUES (\(username), \(address))", logger: database.logger)
                }
                return wait
            }
        }
    }

    /// Seconds the next attempt must still wait, or 0.
    private static func wait(username: String, address: String, now: Date, on connection: PostgresConnection,
                             logger: Logger) async throws -> Int {
        let rows = try await connection.query("""
            SELECT count(*) FILTER (WHERE username = \(username)), max(failed_at) FILTER (WHERE username = \(username)),
                   count(*) FILTER (WHERE address = \(address)), max(failed_at) FILTER (WHERE address = \(address))
              FROM runtime.login_failures
             WHERE failed_at > \(now.addingTimeInterval(-Self.window)) AND (username = \(username) OR address = \(address))
            """, logger: logger)
        var wait = 0
        for try await (userCount, userLast, addressCount, addressLast) in rows.decode((Int64, Date?, Int64, Date?).self) {
            wait = max(Self.wait(failures: Int(userCount), last: userLast, now: now),
                       Self.wait(failures: Int(addressCount), last: addressLast, now: now))
        }
        return wait
    }

    static func wait(failures: Int, last: Date?, now: Date) -> Int {
        guard failures >= freeFailures, let last else { return 0 }
        let backoff = min(30.0 * pow(2.0, Double(failures - freeFailures)), window)
        return max(0, Int((last.addingTimeInterval(backoff).timeIntervalSince(now)).rounded(.up)))
    }

    /// Forgets failures older than the window, which no longer count.
    @discardableResult
    public func removeExpired(now: Date = Date()) async throws -> Int {
        try await database.read { connection in
            let rows = try await connection.query("""
                WITH gone AS (DELETE FROM runtime.login_failures WHERE failed_at <= \(now.addingTimeInterval(-Self.window)) RETURNING 1)
                SELECT count(*) FROM gone
                """, logger: database.logger)
            for try await count in rows.decode(Int64.self) { return Int(count) }
            return 0
        }
    }

    /// A successful login clears the account's failures (not the address's).
    public func recordSuccess(username: String) async throws {
        try await database.read { connection in
            _ = try await connection.query("DELETE FROM runtime.login_failures WHERE username = \(username)", logger: database.logger)
        }
    }
}
