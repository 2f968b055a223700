import Foundation

/// The minutes (berita acara) of one version of a forum, generated from its records and never
/// typed twice. While the version is open they are assembled afresh for every view; at closing
/// this document is stored as it was printed, so a reopened forum keeps its closed minutes.
public struct MinutesDocument: Codable, Sendable, Equatable {
    public struct TeamMember: Codable, Sendable, Equatable {
        public var role: ForumTeamRole
        public var name: String
        public init(role: ForumTeamRole, name: String) { self.role = role; self.name = name }
    }

    /// Families per welfare group ("1"..."4") and per presence (raw values), as JSON keeps them.
    public struct Counts: Codable, Sendable, Equatable {
        public var before: [String: Int]
        public var after: [String: Int]
        public var leaving: [String: Int]
        public var added: [String: Int]
        public var reviewed: Int

        public init(_ tally: ReviewTally) {
            before = Dictionary(uniqueKeysWithValues: tally.before.byGroup.map { (String($0.key.rawValue), $0.value) })
            after = Dictionary(uniqueKeysWithValues: tally.after.byGroup.map { (String($0.key.rawValue), $0.value) })
            leaving = Dictionary(uniqueKeysWithValues: tally.leaving.map { ($0.key.rawValue, $0.value) })
            added = Dictionary(uniqueKeysWithValues: tally.added.map { ($0.key.rawValue, $0.value) })
            reviewed = tally.reviewed
        }

        public var tally: ReviewTally {
            var tally = ReviewTally()
            for (key, count) in before { if let group = Int(key).flatMap(WelfareGroup.init) { tally.before.byGroup[group] = count } }
            for (key, count) in after { if let group = Int(key).flatMap(WelfareGroup.init) { tally.after.byGroup[group] = count } }
            for (key, count) in leaving { if let presence = Presence(rawValue: key) { tally.leaving[presence] = count } }
            for (key, count) in added { if let presence = Presence(rawValue: key) { tally.added[presence] = count } }
            tally.reviewed = reviewed
            return tally
        }
    }

    public struct Unit: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        /// The invited head, if any; whether they (or a representative) came.
        public var head: String?
        public var attended: Bool
        public var representative: String?
        public var counts: Counts

        public init(code: String, name: String, head: String?, attended: Bool, representative: String?, counts: Counts) {
            self.code = code
            self.name = name
            self.head = head
            self.attended = attended
            self.representative = representative
            self.counts = counts
        }
    }

    public struct Figure: Codable, Sendable, Equatable {
        public var name: String
        public var attended: Bool
        public init(name: String, attended: Bool) { self.name = name; self.attended = attended }
    }

    /// Challenges raised in the forum, by how they ended.
    public struct ChallengeCounts: Codable, Sendable, Equatable {
        public var raised = 0
        public var accepted = 0
        public var rejected = 0
        public var withdrawn = 0
        public init() {}
    }

    public var forumID: Int64
    public var forumVersion: Int
    public var title: String
    public var placeCode: String
    /// The village (or district), its district and regency, as named in the region list.
    public var placeNames: [String]
    public var startsAt: Date
    public var endsAt: Date
    public var venue: String
    public var team: [TeamMember]
    public var units: [Unit]
    public var figures: [Figure]
    public var challenges: ChallengeCounts
    public var notes: String

    public init(forumID: Int64, forumVersion: Int, title: String, placeCode: String, placeNames: [String], startsAt: Date,
                endsAt: Date, venue: String, team: [TeamMember], units: [Unit], figures: [Figure], challenges: ChallengeCounts,
                notes: String) {
        self.forumID = forumID
        self.forumVersion = forumVersion
        self.title = title
        self.placeCode = placeCode
        self.placeNames = placeNames
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.venue = venue
        self.team = team
        self.units = units
        self.figures = figures
        self.challenges = challenges
        self.notes = notes
    }

    /// The whole forum's counts.
    public var total: ReviewTally { units.reduce(ReviewTally()) { $0 + $1.counts.tally } }

    /// The stored form: keys sorted and dates in ISO 8601, so the same minutes give the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> MinutesDocument {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(MinutesDocument.self, from: data)
    }
}
