import PostgresNIO

/// PostgreSQL cannot be reached, or dropped the connection mid-way: the request is answered
/// "503, try again shortly", and nothing it meant to write was acknowledged.
public struct DatabaseUnavailable: Error, CustomStringConvertible {
    public let reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { "the database is unavailable (\(reason))" }

    /// Whether `error` says the connection itself was lost: closed under the request (by the server,
    /// or by the driver after the server said it was going), or the server shutting down or
    /// starting up (SQLSTATE 57P01–57P03), or any connection exception (08).
    public static func isConnectionLoss(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown:
            return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
        default:
            return false
        }
    }
}
