import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Runs the web application until SIGTERM or SIGINT, as `Application.runService` does, but with
/// a bound on stopping: requests in flight get 10 seconds to finish, then they are cancelled, and
/// a process that still hangs 5 seconds later exits. A request stuck on a database connection
/// that died under it must not keep systemd or compose waiting.
enum ServerLifecycle {
    static let gracefulBound: Duration = .seconds(10)
    static let exitBound: TimeInterval = 15

    static func run(_ app: some ApplicationProtocol, logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: app), .init(service: ExitDeadline(after: exitBound, logger: logger), successTerminationBehavior: .ignore)],
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = gracefulBound
        // No bound here: ServiceGroup's own ends the process with a fatal error, whose backtrace
        // alone took longer than the bound on a busy machine. ExitDeadline ends it plainly.
        configuration.maximumCancellationDuration = nil
        try await ServiceGroup(configuration: configuration).run()
    }

    /// Once shutdown begins, exits the process after `seconds` if it has not ended by then.
    struct ExitDeadline: Service {
        let after: TimeInterval
        let logger: Logger

        init(after seconds: TimeInterval, logger: Logger) {
            self.after = seconds
            self.logger = logger
        }

        func run() async throws {
            try? await gracefulShutdown()
            let (seconds, logger) = (after, logger)
            // A thread of its own: it must fire even if every task of the cooperative pool is stuck.
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: seconds)
                logger.error("requests still running \(Int(seconds)) s after the stop signal; exiting without them")
                exit(1)
            }
        }
    }
}
