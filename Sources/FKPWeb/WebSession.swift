import Foundation

/// What a browser session holds: who is logged in (nobody before login), the CSRF token of its
/// forms, and the times that bound its life.
public struct WebSession: Codable, Sendable, Equatable {
    public var userID: Int64?
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date

    static func anonymous(now: Date = Date()) -> WebSession {
        WebSession(userID: nil, csrfToken: Token.random(bytes: 24), createdAt: now, lastSeenAt: now)
    }

    static func loggedIn(userID: Int64, now: Date = Date()) -> WebSession {
        WebSession(userID: userID, csrfToken: Token.random(bytes: 24), createdAt: now, lastSeenAt: now)
    }
}
