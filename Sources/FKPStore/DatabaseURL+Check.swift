import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

extension DatabaseURL {
    /// Opens one connection and closes it again, so that a command told a wrong address, database
    /// or password says so at once, in PostgreSQL's words. The pool would retry for a minute and
    /// then report only that its circuit breaker had tripped.
    public func checkConnection(logger: Logger) async throws {
        var configuration: PostgresConnection.Configuration
        if let socketPath {
            configuration = .init(unixSocketPath: socketPath, username: username, password: password, database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS =
                requireTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
            configuration = .init(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(5)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger.forDatabaseDriver())
            try await connection.close()
        } catch {
            throw DatabaseUnavailable(reason: "\(description): \(plainWords(error))")
        }
    }

    /// What went wrong, without the driver's type names: the server's message (no such database,
    /// wrong password) or the network's (connection refused, no such host).
    func plainWords(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if let socketPath, let failed = error.underlying as? IOError {
            // A socket is a file: the likely mistake is the folder, or a server not running.
            let reason = String(cString: strerror(failed.errnoCode))
            return failed.errnoCode == ENOENT || failed.errnoCode == ECONNREFUSED
                ? "no server listens on \(socketPath) (\(reason)): is PostgreSQL running, with this folder in its unix_socket_directories and this port?"
                : "\(socketPath): \(reason)"
        }
        switch error.underlying {
        case let failed as NIOConnectionError:
            if let io = failed.connectionErrors.last?.error as? IOError { return String(cString: strerror(io.errnoCode)) }
            if failed.dnsAError != nil || failed.dnsAAAAError != nil { return "no such host" }
            return "\(failed)"
        case let underlying?:
            return "\(underlying)"
        case nil:
            return "\(error.code)"
        }
    }
}
