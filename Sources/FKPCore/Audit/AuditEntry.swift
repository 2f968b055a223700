/// One entry of an audit chain, with every field the canonical text covers, as text.
/// `occurredAt` is the UTC timestamp exactly as hashed (`YYYY-MM-DDTHH:MM:SS.ffffffZ`);
/// `oldRow` and `newRow` are the JSON texts exactly as hashed.
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: Int64
    public var chain: String
    public var seq: Int64
    public var prevHash: String
    public var hash: String
    public var occurredAt: String
    public var actor: String
    public var actorRole: String
    public var forumID: Int64?
    public var regionCode: String?
    public var action: String
    public var reason: String?
    public var decisionRef: String?
    public var tableName: String
    public var operation: String
    public var rowKey: String?
    public var oldRow: String?
    public var newRow: String?

    public init(
        id: Int64, chain: String, seq: Int64, prevHash: String, hash: String, occurredAt: String,
        actor: String, actorRole: String, forumID: Int64?, regionCode: String?, action: String,
        reason: String?, decisionRef: String?, tableName: String, operation: String, rowKey: String?,
        oldRow: String?, newRow: String?
    ) {
        self.id = id
        self.chain = chain
        self.seq = seq
        self.prevHash = prevHash
        self.hash = hash
        self.occurredAt = occurredAt
        self.actor = actor
        self.actorRole = actorRole
        self.forumID = forumID
        self.regionCode = regionCode
        self.action = action
        self.reason = reason
        self.decisionRef = decisionRef
        self.tableName = tableName
        self.operation = operation
        self.rowKey = rowKey
        self.oldRow = oldRow
        self.newRow = newRow
    }
}
