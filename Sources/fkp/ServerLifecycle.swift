import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the web application until SIGTERM or SIGINT, as `Application.runService` does, but with
/// a bound on stopping: requests in flight get 10 seconds to finish, then they are cancelled, and
/// a process that still hangs 5 seconds later is ended. A request stuck on a database connection
/// that died under it must not keep systemd or compose waiting.
enum ServerLifecycle {
    static func run(_ app: some ApplicationProtocol, logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        configuration.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: configuration).run()
    }
}
