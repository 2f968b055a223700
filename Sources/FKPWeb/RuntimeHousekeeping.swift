import FKPStore
import ServiceLifecycle

/// Clears runtime state that has outlived its use while the server runs, every ten minutes:
/// expired sessions, and failed logins older than the throttle's window. Both tables grow with
/// unauthenticated traffic (each visitor's login form has a session, each failed login a row),
/// so without this they would grow for as long as anyone knocks.
struct RuntimeHousekeeping: Service {
    let sessions: SessionRepository
    let throttle: LoginThrottle

    func sweep() async throws {
        try await sessions.removeExpired()
        try await throttle.removeExpired()
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await sweep()
                try? await Task.sleep(for: .seconds(600))
            }
        }
    }
}
