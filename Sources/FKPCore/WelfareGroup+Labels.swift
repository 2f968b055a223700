extension WelfareGroup {
    /// The group a label names, as BPS has written it on lists and in outreach (both sets of
    /// ../shared/domain.md, in Indonesian and in English), whatever its capitals and spaces: a list
    /// that carries labels where the codes belong is then told which code each one is.
    /// A label after its own code (`1 - Sangat Miskin`, `(2) Miskin`, `3. Rentan Miskin`, as a
    /// list written for people shows both) names its group too; after another code, none.
    public init?(label: String) {
        var words = label.lowercased().split(whereSeparator: { " -_.():".contains($0) })
        var code: Int?
        if let first = words.first, let number = Int(first) {
            code = number
            words.removeFirst()
        }
        guard let group = Self.labels[words.joined(separator: " ")], code == nil || code == group.rawValue else { return nil }
        self = group
    }

    private static let labels: [String: WelfareGroup] = [
        "sangat miskin": .veryPoor, "miskin ekstrem": .veryPoor, "very poor": .veryPoor, "extreme poor": .veryPoor,
        "miskin": .poor, "poor": .poor,
        "rentan miskin": .vulnerable, "vulnerable": .vulnerable,
        "tidak miskin": .notPoor, "menengah ke atas": .notPoor, "not poor": .notPoor, "middle and above": .notPoor,
    ]
}
