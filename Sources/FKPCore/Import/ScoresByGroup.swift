/// The mean score of each welfare group over a list's rows. The groups come from the score (a lower
/// score, a poorer family, a lower group), so the means rise from group 1 to group 4; falling, the
/// score runs the other way (a probability of being poor, say), and every unit's order, read from
/// the score, would put the richest families first. Falling means alone are not enough: values of
/// another column under the score's name (ids, say) fall by chance one list in twenty-four; a score
/// run the other way also sets the two groups apart, the poorest's mean above every score of the
/// richest and the richest's below every score of the poorest.
struct ScoresByGroup: Sendable {
    /// Fewer rows of a group than this tell nothing of its mean.
    static let fewestPerGroup = 5
    private var sums = [Double](repeating: 0, count: 4)
    private var counts = [Int](repeating: 0, count: 4)
    private var lowest = [Double](repeating: .infinity, count: 4), highest = [Double](repeating: -.infinity, count: 4)

    mutating func count(_ group: WelfareGroup, score value: Double) {
        let index = group.rawValue - 1
        sums[index] += value
        counts[index] += 1
        lowest[index] = min(lowest[index], value)
        highest[index] = max(highest[index], value)
    }

    /// The poorest and the richest group with enough rows, each with its mean score rounded to two
    /// places, when two groups or more have enough rows, each one's mean is below the one before,
    /// and the poorest and the richest are set apart (see above).
    var reversal: (poorest: Int, itsMean: String, richest: Int, theirMean: String)? {
        let means = (0..<4).filter { counts[$0] >= Self.fewestPerGroup }.map { (group: $0 + 1, mean: sums[$0] / Double(counts[$0])) }
        guard means.count >= 2, let poorest = means.first, let richest = means.last,
              zip(means, means.dropFirst()).allSatisfy({ $0.mean > $1.mean }),
              poorest.mean > highest[richest.group - 1], richest.mean < lowest[poorest.group - 1] else { return nil }
        func shown(_ mean: Double) -> String { String((mean * 100).rounded() / 100) }
        return (poorest.group, shown(poorest.mean), richest.group, shown(richest.mean))
    }
}
