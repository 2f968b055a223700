/// One thing wrong with an input file, said so a person can find and fix it:
/// `line 12, column head_nik: value '32010': not 16 digits`.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var column: String?
    public var value: String?
    public var problem: Kind

    public init(line: Int?, column: String? = nil, value: String? = nil, problem: Kind) {
        self.line = line
        self.column = column
        self.value = value
        self.problem = problem
    }

    public var description: String { framed(line: "line", column: "column", value: "value", problem: problem.english) }

    /// Where the problem is and the value found, in a language's words for them, then what is wrong:
    /// `baris 12, kolom head_nik: nilai '32010': ...`. A value is shown as far as a person can read
    /// it: sixty characters at most, invisible characters spelled out (a header is read from the
    /// file too, so a column name is spelled the same way).
    public func framed(line lineWord: String, column columnWord: String, value valueWord: String, problem text: String) -> String {
        var parts: [String] = []
        if let line { parts.append("\(lineWord) \(line)") }
        if let column { parts.append("\(columnWord) \(column.spellingInvisibleCharacters)") }
        var framed = parts.joined(separator: ", ")
        if let value {
            let shown = (value.count > 60 ? String(value.prefix(60)) + "…" : value).spellingInvisibleCharacters
            framed += (framed.isEmpty ? "" : ": ") + "\(valueWord) '\(shown)'"
        }
        return framed + (framed.isEmpty ? "" : ": ") + text
    }
}

/// The first 100 problems of a file, and how many more there were.
public struct ImportProblems: Error, Sendable, CustomStringConvertible {
    public static let shownAtMost = 100
    public private(set) var shown: [ImportProblem] = []
    public private(set) var total = 0
    /// The problems not shown, counted by column (nil: a whole line's), so that the count of the
    /// rest says where they are: a column wrong on every row is one fix, not a million.
    private var unshownByColumn: [String?: Int] = [:]

    public init() {}

    public init(_ problems: [ImportProblem]) {
        problems.forEach { append($0) }
    }

    public mutating func append(_ problem: ImportProblem) {
        total += 1
        if shown.count < Self.shownAtMost {
            shown.append(problem)
        } else {
            unshownByColumn[problem.column, default: 0] += 1
        }
    }

    /// Another list's problems after these: those it shows, and the count of those it did not.
    public mutating func append(contentsOf other: ImportProblems) {
        other.shown.forEach { append($0) }
        total += other.total - other.shown.count
        unshownByColumn.merge(other.unshownByColumn, uniquingKeysWith: +)
    }

    /// Without the problems of `column`, shown or counted: those that one problem of the whole column says.
    public mutating func removeAll(inColumn column: String) {
        let shownBefore = shown.count
        shown.removeAll { $0.column == column }
        total -= shownBefore - shown.count + (unshownByColumn.removeValue(forKey: column) ?? 0)
    }

    /// `count` more problems of `column` (nil: whole lines'), counted, not shown: those known only by their number.
    public mutating func appendCounted(_ count: Int, inColumn column: String?) {
        guard count > 0 else { return }
        total += count
        unshownByColumn[column, default: 0] += count
    }

    /// These and `other`'s problems in the order of their lines, each list in that order already:
    /// the first hundred of both shown (those either did not show come after its hundred), the rest counted.
    public func mergedByLine(with other: ImportProblems) -> ImportProblems {
        var merged = ImportProblems()
        var (mine, theirs) = (shown[...], other.shown[...])
        while let next = mine.first ?? theirs.first {
            if let their = theirs.first, mine.first.map({ ($0.line ?? 0) > (their.line ?? 0) }) ?? true {
                merged.append(their)
                theirs.removeFirst()
            } else {
                merged.append(next)
                mine.removeFirst()
            }
        }
        merged.total += (total - shown.count) + (other.total - other.shown.count)
        merged.unshownByColumn.merge(unshownByColumn, uniquingKeysWith: +)
        merged.unshownByColumn.merge(other.unshownByColumn, uniquingKeysWith: +)
        return merged
    }

    public var isEmpty: Bool { total == 0 }

    /// Where most of the problems not shown are: the five columns (nil: whole lines) with most of
    /// them, two at least, and their counts, most first. A header's problems, one per column, show none.
    public var unshown: [(column: String?, count: Int)] {
        Array(unshownByColumn.filter { $0.value > 1 }.map { (column: $0.key, count: $0.value) }
            .sorted { ($0.count, $1.column ?? "") > ($1.count, $0.column ?? "") }.prefix(5))
    }

    public var description: String {
        var lines = shown.map(\.description)
        if total > shown.count {
            let places = unshown.map { "\($0.count) \($0.column.map { "in \($0)" } ?? "in whole lines")" }
            lines.append("... and \(total - shown.count) more problems" + (places.isEmpty ? "" : " (\(places.joined(separator: ", ")))"))
        }
        return lines.joined(separator: "\n")
    }
}
