/// Where the audit trail stood for everything a forum's pages show, read with the forum: the head
/// of the forum's own chain (its reviews, challenges, added families, state and units), of its
/// regency's and of the national chain (the imports and changes that set its families' and places'
/// data). Every audited write moves the head of its chain, and a chain's writers take turns on its
/// head row, so a stamp read now differs from one read before any write that has since committed:
/// a page rendered from data read after the stamp is current for as long as the stamp is.
///
/// Each head is the hash of the chain's last entry, not its number: a database restored from an
/// older dump, or a replica promoted without its primary's last commits, can reach a number again
/// with other entries, never the same hash.
public struct ForumDataStamp: Hashable, Sendable {
    public var forum: String
    public var regency: String
    public var national: String

    public init(forum: String, regency: String, national: String) {
        self.forum = forum
        self.regency = regency
        self.national = national
    }

    /// From the three heads as the forum's reads return them.
    init(_ heads: [String]) {
        self.init(forum: heads[0], regency: heads[1], national: heads[2])
    }
}
