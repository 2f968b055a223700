import FKPCore
import Logging
import PostgresNIO

/// Who acts, in which role, where, doing what and why: declared at the start of every write
/// transaction, and copied by the database into every audit entry the transaction produces.
public struct WriteContext: Sendable, Equatable {
    public var actor: String
    public var role: String
    public var action: String
    public var reason: String?
    public var forumID: Int64?
    public var regionCode: String?
    public var decisionRef: String?
    public var requestID: String?

    public init(actor: String, role: Role, action: String, reason: String? = nil, forumID: Int64? = nil,
                regionCode: String? = nil, decisionRef: String? = nil, requestID: String? = nil) {
        self.init(actor: actor, roleName: role.rawValue, action: action, reason: reason, forumID: forumID,
                  regionCode: regionCode, decisionRef: decisionRef, requestID: requestID)
    }

    private init(actor: String, roleName: String, action: String, reason: String?, forumID: Int64?,
                 regionCode: String?, decisionRef: String?, requestID: String?) {
        self.actor = actor
        self.role = roleName
        self.action = action
        self.reason = reason
        self.forumID = forumID
        self.regionCode = regionCode
        self.decisionRef = decisionRef
        self.requestID = requestID
    }

    /// The server or a command-line tool acting for itself (migrations' data, the demo loader).
    public static func system(_ name: String, action: String, reason: String? = nil, regionCode: String? = nil) -> WriteContext {
        WriteContext(actor: "system:\(name)", roleName: "system", action: action, reason: reason, forumID: nil,
                     regionCode: regionCode, decisionRef: nil, requestID: nil)
    }
}

extension PostgresConnection {
    /// Declares who writes in the open transaction (audit.declare); a second call replaces the first.
    func declare(_ context: WriteContext, logger: Logger) async throws {
        let declared = try await query(Declaration.self, context.actor, context.role, context.action, context.reason,
                                       context.forumID, context.regionCode, context.decisionRef, context.requestID, logger: logger)
        for try await _ in declared {}
    }
}

/// Every write transaction starts with it: planned once per connection.
private enum Declaration: PlannedSQL {
    static let sql = "SELECT audit.declare($1::text, $2::text, $3::text, $4::text, $5::bigint, $6::text, $7::text, $8::text)"
}
