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

    public var description: String {
        var parts: [String] = []
        if let line { parts.append("line \(line)") }
        if let column { parts.append("column \(column.spellingInvisibleCharacters)") }  // a header is read from the file too
        var text = parts.joined(separator: ", ")
        if let shownValue { text += (text.isEmpty ? "" : ": ") + "value '\(shownValue)'" }
        return text + (text.isEmpty ? "" : ": ") + problem.english
    }

    /// The value as far as a person can read it: sixty characters at most, invisible characters
    /// spelled out.
    public var shownValue: String? {
        value.map { ($0.count > 60 ? String($0.prefix(60)) + "…" : $0).spellingInvisibleCharacters }
    }
}

/// The first 100 problems of a file, and how many more there were.
public struct ImportProblems: Error, Sendable, CustomStringConvertible {
    public static let shownAtMost = 100
    public private(set) var shown: [ImportProblem] = []
    public private(set) var total = 0

    public init() {}

    public init(_ problems: [ImportProblem]) {
        problems.forEach { append($0) }
    }

    public mutating func append(_ problem: ImportProblem) {
        total += 1
        if shown.count < Self.shownAtMost { shown.append(problem) }
    }

    public var isEmpty: Bool { total == 0 }

    public var description: String {
        var lines = shown.map(\.description)
        if total > shown.count { lines.append("... and \(total - shown.count) more problems") }
        return lines.joined(separator: "\n")
    }
}
