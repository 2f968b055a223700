import Foundation

/// The preliminary order within each unit: by welfare score (lower is poorer), ties by family id.
public enum PreliminaryRanking {
    /// Rank (1-based) of each family within its unit, keyed by family id.
    public static func ranksWithinUnits(_ families: [PreliminaryFamily]) -> [String: Int] {
        var ranks: [String: Int] = [:]
        ranks.reserveCapacity(families.count)
        for (_, members) in Dictionary(grouping: families, by: \.slsCode) {
            let ordered = members
                .map { (family: $0, score: Decimal(string: $0.welfareScore) ?? .nan) }
                .sorted { $0.score != $1.score ? $0.score < $1.score : $0.family.id < $1.family.id }
            for (index, entry) in ordered.enumerated() { ranks[entry.family.id] = index + 1 }
        }
        return ranks
    }
}
