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
        let tls: PostgresConnection.Configuration.TLS =
            requireTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: username, password: password,
                                                             database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw DatabaseUnavailable(reason: "\(description): \(Self.plainWords(error))")
        }
    }

    /// What went wrong, without the driver's type names: the server's message (no such database,
    /// wrong password) or the network's (connection refused, no such host).
    static func plainWords(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
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
