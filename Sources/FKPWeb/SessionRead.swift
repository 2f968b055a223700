import FKPCore
import FKPStore
import NIOConcurrencyHelpers

/// What reading this request's session found, beyond the session itself (set per request by
/// DatabaseUnavailableMiddleware, filled by PostgresPersistDriver):
/// - whether it could not be read because the database was unavailable. HummingbirdAuth's session
///   middleware treats a session it cannot load as no session at all, so without this mark a
///   logged-in person would be sent to the login page, or told that their form had expired,
///   while the truth is an outage;
/// - the person the session belongs to, read in the same query, so that AuthenticationMiddleware
///   need not ask the database again (one round trip fewer on every page);
/// - for a review page, its forum's stamp, read in the same query too, so that a page kept in
///   memory is served after one round trip (ReviewPageCache).
final class SessionRead: Sendable {
    @TaskLocal static var current: SessionRead?

    /// The forum whose stamp the session read also reads: the forum of the review page asked for.
    let pageForum: Int64?

    init(pageForum: Int64? = nil) {
        self.pageForum = pageForum
    }

    struct Person {
        let userID: Int64
        /// Nil when the account is disabled.
        let principal: Principal?
    }

    private struct State {
        var outage = false
        var storedKey: String?
        var person: Person?
        var pageForumStamp: ForumDataStamp?
    }

    private let state = NIOLockedValueBox(State())

    func markOutage() { state.withLockedValue { $0.outage = true } }

    var outageHappened: Bool { state.withLockedValue { $0.outage } }

    func found(userID: Int64, principal: Principal?) {
        state.withLockedValue { $0.person = Person(userID: userID, principal: principal) }
    }

    /// The session this request found stored, by its key: what the request writes back under that
    /// key is an update of it, never a new session (`PostgresPersistDriver.set`).
    func found(storedKey key: String) {
        state.withLockedValue { $0.storedKey = key }
    }

    func wasFound(storedKey key: String) -> Bool {
        state.withLockedValue { $0.storedKey == key }
    }

    func found(pageForumStamp stamp: ForumDataStamp) {
        state.withLockedValue { $0.pageForumStamp = stamp }
    }

    /// The stamp read with the session, when it was read for `forumID`.
    func stamp(forumID: Int64) -> ForumDataStamp? {
        forumID == pageForum ? state.withLockedValue { $0.pageForumStamp } : nil
    }

    /// The person read with the session, when it was read for `userID`.
    func person(userID: Int64) -> Person? {
        state.withLockedValue { $0.person?.userID == userID ? $0.person : nil }
    }
}
