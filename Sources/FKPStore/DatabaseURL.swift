import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:port/database` address, parsed once at start-up.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var requireTLS: Bool

    public struct Invalid: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "DATABASE_URL is malformed: \(reason)" }
    }

    public init(host: String, port: Int, username: String, password: String?, database: String, requireTLS: Bool = false) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.database = database
        self.requireTLS = requireTLS
    }

    public init(parsing text: String) throws {
        guard let parts = URLComponents(string: text), let scheme = parts.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw Invalid(reason: "expected postgres://user:password@host:port/database")
        }
        guard let host = parts.host, !host.isEmpty else { throw Invalid(reason: "no host") }
        guard let user = parts.user, !user.isEmpty else { throw Invalid(reason: "no user name") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw Invalid(reason: "no database name") }
        let sslmode = parts.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable"
        guard ["disable", "require"].contains(sslmode) else {
            throw Invalid(reason: "sslmode must be disable or require, not \(sslmode)")
        }
        self.init(host: host, port: parts.port ?? 5432, username: user.removingPercentEncoding ?? user,
                  password: parts.password?.removingPercentEncoding, database: database.removingPercentEncoding ?? database,
                  requireTLS: sslmode == "require")
    }

    /// The same server, another database (tests and `migrate` use this).
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    public var clientConfiguration: PostgresClient.Configuration {
        get throws {
            let tls: PostgresClient.Configuration.TLS = requireTLS ? .require(TLSConfiguration.makeClientConfiguration()) : .disable
            var configuration = PostgresClient.Configuration(
                host: host, port: port, username: username, password: password, database: database, tls: tls)
            configuration.options.connectTimeout = .seconds(5)
            return configuration
        }
    }

    /// The address without its password, for logs and messages.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    /// The full address, password included, for handing to a child process.
    public var urlString: String {
        var parts = URLComponents()
        parts.scheme = "postgres"
        parts.user = username
        parts.password = password
        parts.host = host
        parts.port = port
        parts.path = "/" + database
        if requireTLS { parts.queryItems = [URLQueryItem(name: "sslmode", value: "require")] }
        return parts.string ?? description
    }
}
