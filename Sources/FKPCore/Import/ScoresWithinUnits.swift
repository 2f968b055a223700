/// Whether each unit's families share one score: the order within a unit comes from the score, and
/// would then be by family id alone. What a list exported without its scores (every one 0), a
/// column filled down, or a score given to each unit or village rather than to each family leaves.
/// Counted over runs of rows of one unit, as a list gives a unit's families together; scores are
/// decimals of several places, so two families of a unit sharing one by chance is rare, and ten
/// rows or more in units of two or more, each with one score, is none.
struct ScoresWithinUnits: Sendable {
    static let fewestRows = 10
    private var unit: String?, firstScore: String?
    private var runLength = 0
    /// Whether a run had two scores.
    private var varied = false
    /// The runs of two rows or more closed so far, and their rows.
    private var units = 0, rows = 0

    mutating func count(unit: String, score: String) {
        guard unit == self.unit else {
            close()
            (self.unit, firstScore, runLength) = (unit, score, 1)
            return
        }
        runLength += 1
        if score != firstScore { varied = true }
    }

    private mutating func close() {
        guard runLength >= 2 else { return }
        units += 1
        rows += runLength
    }

    /// The units and rows, when every unit of two rows or more has one score (ten rows or more in all).
    var oneScorePerUnit: (units: Int, rows: Int)? {
        var closed = self
        closed.close()
        guard !varied, closed.rows >= Self.fewestRows else { return nil }
        return (closed.units, closed.rows)
    }
}
