import Foundation
import NIOSSL
import PostgresNIO

/// A `postgres://user:password@host:port/database` address, parsed once at start-up.
///
/// As in libpq, a host that begins with a slash is the folder of the server's Unix socket
/// (`postgres://fkp_web@/fkp?host=/var/run/postgresql`, or the host percent-encoded): a server on
/// the database's own machine then reaches it without TCP, and may sign in by peer authentication.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// A host name or address, or the folder holding the server's Unix socket.
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
        let query = Dictionary(
            (parts.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        if let unknown = query.keys.sorted().first(where: { !["sslmode", "host", "port"].contains($0) }) {
            throw Invalid(reason: "unknown parameter \(unknown) (known: sslmode, host, port)")
        }
        guard let host = query["host"] ?? parts.host, !host.isEmpty else { throw Invalid(reason: "no host") }
        if parts.host?.isEmpty == false, query["host"] != nil {
            throw Invalid(reason: "two hosts: \(parts.host ?? "") and host=\(host)")
        }
        guard let user = parts.user, !user.isEmpty else { throw Invalid(reason: "no user name") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw Invalid(reason: "no database name") }
        var port = parts.port ?? 5432
        if let text = query["port"] {
            guard parts.port == nil else { throw Invalid(reason: "two ports: \(port) and port=\(text)") }
            guard let number = Int(text), (1...65535).contains(number) else {
                throw Invalid(reason: "port must be a number from 1 to 65535, not \(text)")
            }
            port = number
        }
        let sslmode = query["sslmode"] ?? "disable"
        guard ["disable", "require"].contains(sslmode) else {
            throw Invalid(reason: "sslmode must be disable or require, not \(sslmode)")
        }
        let url = DatabaseURL(host: host, port: port, username: user.removingPercentEncoding ?? user,
                              password: parts.password?.removingPercentEncoding,
                              database: database.removingPercentEncoding ?? database, requireTLS: sslmode == "require")
        if let socketPath = url.socketPath {
            if url.requireTLS { throw Invalid(reason: "sslmode=require with a Unix socket (\(host)): TLS is for TCP connections") }
            // sockaddr_un holds 107 bytes of path and its terminating zero.
            if socketPath.utf8.count > 107 {
                throw Invalid(reason: "the socket's path \(socketPath) is longer than the 107 bytes a Unix socket's may be")
            }
        }
        self = url
    }

    /// The server's Unix socket when the host is a folder (libpq's rule: it begins with a slash).
    public var socketPath: String? {
        host.hasPrefix("/") ? "\(host)/.s.PGSQL.\(port)" : nil
    }

    /// The same server, another database (tests and `migrate` use this).
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    public var clientConfiguration: PostgresClient.Configuration {
        get throws {
            var configuration: PostgresClient.Configuration
            if let socketPath {
                configuration = .init(unixSocketPath: socketPath, username: username, password: password, database: database)
            } else {
                let tls: PostgresClient.Configuration.TLS = requireTLS ? .require(TLSConfiguration.makeClientConfiguration()) : .disable
                configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
            }
            configuration.options.connectTimeout = .seconds(5)
            return configuration
        }
    }

    /// The address without its password, for logs and messages.
    public var description: String {
        socketPath == nil ? "postgres://\(username)@\(host):\(port)/\(database)"
            : "postgres://\(username)@/\(database)?host=\(host)&port=\(port)"
    }

    /// The full address, password included, for handing to a child process.
    public var urlString: String {
        var parts = URLComponents()
        parts.scheme = "postgres"
        parts.user = username
        parts.password = password
        parts.path = "/" + database
        if socketPath != nil {
            // libpq, and so psql and pg_dump, read a socket's folder from the query.
            parts.queryItems = [URLQueryItem(name: "host", value: host), URLQueryItem(name: "port", value: String(port))]
        } else {
            parts.host = host
            parts.port = port
        }
        if requireTLS { parts.queryItems = (parts.queryItems ?? []) + [URLQueryItem(name: "sslmode", value: "require")] }
        return parts.string ?? description
    }
}
