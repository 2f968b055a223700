import FKPStore
import Foundation
import Hummingbird

/// HummingbirdAuth's session storage, kept in PostgreSQL so any number of server processes serve
/// the same people. Expired sessions are purged by `RuntimeHousekeeping`.
struct PostgresPersistDriver: PersistDriver {
    let sessions: SessionRepository
    let payloads = DecodedSessionPayloads()

    /// Reads the user id out of a session payload, for the column that lets us end a person's sessions.
    private struct UserReference: Decodable { let userID: Int64? }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let payload = try JSONEncoder().encode(value)
        let created = try await sessions.create(key: key, payload: payload, userID: Self.userID(payload),
                                                expiresAt: Date().addingTimeInterval(Self.seconds(expires ?? .seconds(12 * 3600))))
        if !created { throw PersistError.duplicate }
    }

    /// HummingbirdAuth writes a new session and a changed one alike through `set`. A changed one, the
    /// session this request found, is updated only where it is still stored: inserted again, a session
    /// ended while the request was under way (a logout, a password change elsewhere) lived again.
    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let payload = try JSONEncoder().encode(value)
        let expiresAt = expires.map { Date().addingTimeInterval(Self.seconds($0)) }
        if SessionRead.current?.wasFound(storedKey: key) == true {
            try await sessions.update(key: key, payload: payload, userID: Self.userID(payload), expiresAt: expiresAt)
        } else {
            try await sessions.set(key: key, payload: payload, userID: Self.userID(payload), expiresAt: expiresAt)
        }
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        let found: SessionRepository.Stored?
        do {
            found = try await sessions.get(key: key, forumStampOf: SessionRead.current?.pageForum)
        } catch let error as DatabaseUnavailable {
            SessionRead.current?.markOutage()  // the session middleware swallows the error itself
            throw error
        }
        guard let stored = found else { return nil }
        SessionRead.current?.found(storedKey: key)
        if let userID = stored.userID { SessionRead.current?.found(userID: userID, principal: stored.principal) }
        if let stamp = stored.forumStamp { SessionRead.current?.found(pageForumStamp: stamp) }
        return payloads.decode(Object.self, from: stored.payload)
    }

    func remove(key: String) async throws {
        try await sessions.remove(key: key)
    }

    func shutdown() async throws {}

    private static func userID(_ payload: Data) -> Int64? {
        (try? JSONDecoder().decode(UserReference.self, from: payload))?.userID
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }
}
