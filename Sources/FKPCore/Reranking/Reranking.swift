import Foundation

/// The final ranking of a regency (pemeringkatan ulang), by the rule written in docs/reranking.md.
/// Pure and deterministic: the same inputs, in any order, give the same list.
public enum Reranking {
    /// A family of the preliminary list with what its latest forum concluded, if any.
    public struct ListedFamily: Sendable, Equatable {
        public var id: String
        public var slsCode: String
        public var headName: String
        public var preliminaryGroup: WelfareGroup
        /// The model score as decimal text (lower is poorer).
        public var score: String
        public var outcome: Outcome?

        public init(id: String, slsCode: String, headName: String, preliminaryGroup: WelfareGroup, score: String, outcome: Outcome?) {
            self.id = id
            self.slsCode = slsCode
            self.headName = headName
            self.preliminaryGroup = preliminaryGroup
            self.score = score
            self.outcome = outcome
        }
    }

    /// What a forum recorded for a family: its group after the forum (a group correction, or the
    /// preliminary group), its presence, and where it moved when that names a known SLS.
    public struct Outcome: Sendable, Equatable {
        public var forumID: Int64
        public var groupAfter: WelfareGroup
        public var presence: Presence
        public var movedToUnit: String?
        public var reason: String

        public init(forumID: Int64, groupAfter: WelfareGroup, presence: Presence, movedToUnit: String?, reason: String) {
            self.forumID = forumID
            self.groupAfter = groupAfter
            self.presence = presence
            self.movedToUnit = movedToUnit
            self.reason = reason
        }
    }

    /// A family a forum added because it was missing from the list.
    public struct AddedFamily: Sendable, Equatable {
        public var id: Int64
        public var forumID: Int64
        public var slsCode: String
        public var headName: String
        public var proposedGroup: WelfareGroup
        public var presence: Presence
        public var reason: String

        public init(id: Int64, forumID: Int64, slsCode: String, headName: String, proposedGroup: WelfareGroup, presence: Presence,
                    reason: String) {
            self.id = id
            self.forumID = forumID
            self.slsCode = slsCode
            self.headName = headName
            self.proposedGroup = proposedGroup
            self.presence = presence
            self.reason = reason
        }
    }

    /// Why a family's line differs from its preliminary one.
    public enum Change: String, Sendable, CaseIterable {
        case groupCorrected = "group_corrected"
        case moved
        case added
    }

    public enum Flag: String, Sendable, CaseIterable {
        /// In no forum, or without a verdict: its preliminary group stands.
        case notReviewed = "not_reviewed"
        case notFound = "not_found"
        /// Moved to a place the forum did not name as an SLS: it stays in its old SLS.
        case destinationUnknown = "destination_unknown"
        /// Added by a forum: BPS enumerates it before any programme uses its group.
        case enumerate
    }

    /// Why a family leaves the final list.
    public enum Removal: String, Sendable, CaseIterable {
        case died
        case duplicate
        case merged
        case movedOut = "moved_out"
    }

    public struct Entry: Sendable, Equatable {
        public var rank: Int
        public var familyID: String?
        public var addedFamilyID: Int64?
        public var slsCode: String
        public var headName: String
        public var preliminaryGroup: WelfareGroup?
        public var finalGroup: WelfareGroup
        public var changes: [Change]
        public var reason: String
        public var flags: [Flag]

        public init(rank: Int, familyID: String?, addedFamilyID: Int64?, slsCode: String, headName: String, preliminaryGroup: WelfareGroup?,
                    finalGroup: WelfareGroup, changes: [Change], reason: String, flags: [Flag]) {
            self.rank = rank
            self.familyID = familyID
            self.addedFamilyID = addedFamilyID
            self.slsCode = slsCode
            self.headName = headName
            self.preliminaryGroup = preliminaryGroup
            self.finalGroup = finalGroup
            self.changes = changes
            self.reason = reason
            self.flags = flags
        }
    }

    public struct Result: Sendable, Equatable {
        public var entries: [Entry]
        public var removed: [(familyID: String, removal: Removal)]

        public static func == (lhs: Result, rhs: Result) -> Bool {
            lhs.entries == rhs.entries && lhs.removed.map(\.familyID) == rhs.removed.map(\.familyID)
                && lhs.removed.map(\.removal) == rhs.removed.map(\.removal)
        }
    }

    /// Ranks the families of `regency`: final group, then score, then family id; added families
    /// after the scored families of their group (by unit, then the order they were added).
    public static func rank(regency: RegionCode, families: [ListedFamily], added: [AddedFamily]) -> Result {
        var entries: [Entry] = []
        entries.reserveCapacity(families.count + added.count)
        var scores: [Decimal] = []
        scores.reserveCapacity(families.count)
        var removed: [(familyID: String, removal: Removal)] = []
        for family in families {
            switch entry(for: family, in: regency) {
            case .kept(let entry):
                entries.append(entry)
                scores.append(Decimal(string: family.score) ?? 0)
            case .removed(let removal): removed.append((family.id, removal))
            }
        }
        // Entries from here on are added families: `scores` holds one for each entry before them.
        for family in added where family.presence == .present && family.slsCode.hasPrefix(regency.value) {
            entries.append(Entry(rank: 0, familyID: nil, addedFamilyID: family.id, slsCode: family.slsCode, headName: family.headName,
                                 preliminaryGroup: nil, finalGroup: family.proposedGroup, changes: [.added], reason: family.reason,
                                 flags: [.enumerate]))
        }
        // Positions are sorted, not entries: an entry is a hundred bytes of counted references, and
        // a million of them moved at every step of the sort cost seconds and their copies' memory.
        var order = Array(entries.indices)
        order.sort { a, b in
            let (x, y) = (entries[a].finalGroup, entries[b].finalGroup)
            if x != y { return x < y }
            switch (a < scores.count, b < scores.count) {
            case (true, true):
                if scores[a] != scores[b] { return scores[a] < scores[b] }
                return (entries[a].familyID ?? "").precedesBytewise(entries[b].familyID ?? "")
            case (true, false): return true
            case (false, true): return false
            case (false, false):
                if entries[a].slsCode != entries[b].slsCode { return entries[a].slsCode.precedesBytewise(entries[b].slsCode) }
                return (entries[a].addedFamilyID ?? 0) < (entries[b].addedFamilyID ?? 0)
            }
        }
        entries.arrange(by: order)
        for index in entries.indices { entries[index].rank = index + 1 }
        removed.sort { $0.familyID.precedesBytewise($1.familyID) }
        return Result(entries: entries, removed: removed)
    }

    private enum Fate { case kept(Entry), removed(Removal) }

    /// A listed family's line, or why it leaves the list.
    private static func entry(for family: ListedFamily, in regency: RegionCode) -> Fate {
        var entry = Entry(rank: 0, familyID: family.id, addedFamilyID: nil, slsCode: family.slsCode, headName: family.headName,
                          preliminaryGroup: family.preliminaryGroup, finalGroup: family.preliminaryGroup, changes: [],
                          reason: "", flags: [])
        guard let outcome = family.outcome else {
            entry.flags = [.notReviewed]
            return .kept(entry)
        }
        switch outcome.presence {
        case .died: return .removed(.died)
        case .duplicate: return .removed(.duplicate)
        case .merged: return .removed(.merged)
        case .moved:
            if let unit = outcome.movedToUnit {
                guard unit.hasPrefix(regency.value) else { return .removed(.movedOut) }
                entry.slsCode = unit
                entry.changes.append(.moved)
            } else {
                entry.flags.append(.destinationUnknown)
            }
        case .notFound: entry.flags.append(.notFound)
        case .present: break
        }
        if outcome.groupAfter != family.preliminaryGroup {
            entry.finalGroup = outcome.groupAfter
            entry.changes.insert(.groupCorrected, at: 0)
        }
        if !entry.changes.isEmpty { entry.reason = outcome.reason }
        return .kept(entry)
    }
}
