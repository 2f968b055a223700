import Foundation

/// What a browser session holds: who is logged in (nobody before login), the CSRF token of its
/// forms, the times that bound its life, and a form sent after it had ended, until the person
/// has signed in again and seen it (`HeldForm`).
public struct WebSession: Codable, Sendable, Equatable {
    public var userID: Int64?
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    var heldForm: HeldForm? = nil

    static func anonymous(now: Date = Date()) -> WebSession {
        WebSession(userID: nil, csrfToken: Token.random(bytes: 24), createdAt: now, lastSeenAt: now)
    }

    static func loggedIn(userID: Int64, holding heldForm: HeldForm? = nil, now: Date = Date()) -> WebSession {
        WebSession(userID: userID, csrfToken: Token.random(bytes: 24), createdAt: now, lastSeenAt: now, heldForm: heldForm)
    }
}
