/// Families of a loaded list that share a family card number or a head's NIK with another family of
/// the regency: a duplicate row, a number typed twice, or a card split between households. Not
/// refused (the preliminary list is what it is, and a forum marks a duplicate), but said with the
/// load, by family id and line, never by the number. A check says it before the load; the batch keeps
/// it (`fkp.import_batches.numbers_shared`, in its audit entry), so that its page says it after.
public struct SharedNumbers: Sendable, Equatable, KeptAsJSON {
    public var familyCards = Column()
    public var headNIKs = Column()

    public init() {}

    /// One column's numbers held by two families or more, one of them the file's.
    public struct Column: Sendable, Equatable, Codable {
        /// How many numbers are shared.
        public var numbers = 0
        /// The first ten by the file's line, each with its first five families.
        public var groups: [Group] = []

        public init() {}
    }

    /// The families holding one number: how many, and the first five, the file's by line first.
    public struct Group: Sendable, Equatable, Codable {
        public var families: Int
        public var shown: [Holder]

        public init(families: Int, shown: [Holder]) {
            self.families = families
            self.shown = shown
        }
    }

    /// A family holding the number, and its line in the file (nil: a family of the regency the file
    /// does not list).
    public struct Holder: Sendable, Equatable, Codable {
        public var familyID: String
        public var line: Int?

        public init(familyID: String, line: Int?) {
            self.familyID = familyID
            self.line = line
        }

        enum CodingKeys: String, CodingKey { case familyID = "family_id", line }
    }

    enum CodingKeys: String, CodingKey { case familyCards = "family_cards", headNIKs = "head_niks" }

    // A column that shares nothing is left out: a batch without any keeps `{}`, as one loaded before they were kept.
    public init(from decoder: any Decoder) throws {
        let columns = try decoder.container(keyedBy: CodingKeys.self)
        familyCards = try columns.decodeIfPresent(Column.self, forKey: .familyCards) ?? Column()
        headNIKs = try columns.decodeIfPresent(Column.self, forKey: .headNIKs) ?? Column()
    }

    public func encode(to encoder: any Encoder) throws {
        var columns = encoder.container(keyedBy: CodingKeys.self)
        if familyCards.numbers > 0 { try columns.encode(familyCards, forKey: .familyCards) }
        if headNIKs.numbers > 0 { try columns.encode(headNIKs, forKey: .headNIKs) }
    }
}
