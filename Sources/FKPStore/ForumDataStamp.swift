/// Where the audit trail stood for everything a forum's pages show, read with the forum: the head
/// of the forum's own chain (its reviews, challenges, added families, state and units), of its
/// regency's and of the national chain (the imports that set its families' and places' data).
/// Every audited write moves the head of its chain, and a chain's writers take turns on its head
/// row, so a stamp read now differs from one read before any write that has since committed:
/// a page rendered from data read after the stamp is current for as long as the stamp is.
public struct ForumDataStamp: Hashable, Sendable {
    public var forum: Int64
    public var regency: Int64
    public var national: Int64

    public init(forum: Int64, regency: Int64, national: Int64) {
        self.forum = forum
        self.regency = regency
        self.national = national
    }

    /// From the three heads as the forum's reads return them.
    init(_ heads: [Int64]) {
        self.init(forum: heads[0], regency: heads[1], national: heads[2])
    }
}
