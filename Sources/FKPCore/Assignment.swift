/// One role of a person, in one place (and, for community figures, one forum).
public struct Assignment: Sendable, Hashable, Codable {
    public var role: Role
    /// nil only for a national administrator.
    public var region: RegionCode?
    public var forumID: Int64?
    /// A BPS staff supervisor may reopen closed forums of their region.
    public var isSupervisor: Bool

    public init(role: Role, region: RegionCode?, forumID: Int64? = nil, isSupervisor: Bool = false) {
        self.role = role
        self.region = region
        self.forumID = forumID
        self.isSupervisor = isSupervisor
    }
}

extension RegionCode: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a BPS code: \(text)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
