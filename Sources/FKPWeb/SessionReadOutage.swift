import NIOConcurrencyHelpers

/// Whether this request's session could not be read because the database was unavailable.
/// HummingbirdAuth's session middleware treats a session it cannot load as no session at all, so
/// without this mark a logged-in person would be sent to the login page, or told that their form
/// had expired, while the truth is an outage. Set per request by DatabaseUnavailableMiddleware.
final class SessionReadOutage: Sendable {
    @TaskLocal static var current: SessionReadOutage?

    private let marked = NIOLockedValueBox(false)

    func mark() { marked.withLockedValue { $0 = true } }

    var happened: Bool { marked.withLockedValue { $0 } }
}
