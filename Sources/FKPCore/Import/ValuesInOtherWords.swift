/// A column whose every value is written in other words than the format's (levels as `Desa` and
/// `Kecamatan`, yes and no as `Ya` and `Tidak`): one replacement for the whole column, each word
/// once, rather than each row told its own.
struct ValuesInOtherWords: Sendable {
    /// The replacements told at most: a column has a few words.
    static let mostTold = 8
    private(set) var values = 0, inOtherWords = 0
    /// Each word written and the format's word for it, in the order first seen.
    private(set) var replacements: [(written: String, write: String)] = []

    /// A value of the column, and the format's word it means when written otherwise (nil when it is
    /// the format's word, or none).
    mutating func count(written: String, meant: String?) {
        values += 1
        guard let meant else { return }
        inOtherWords += 1
        if replacements.count < Self.mostTold, !replacements.contains(where: { $0.written == written }) {
            replacements.append((written, meant))
        }
    }

    /// The problem, named at `line` in `column`, when every value (two or more) is in other words.
    func problem(line: Int?, column: String) -> ImportProblem? {
        guard values >= 2, inOtherWords == values else { return nil }
        return ImportProblem(line: line, column: column,
                             problem: .valuesInOtherWords(written: replacements.map(\.written), write: replacements.map(\.write), rows: values))
    }
}
