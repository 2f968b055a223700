extension WelfareGroup {
    /// The group a label names, as BPS has written it on lists and in outreach (both sets of
    /// ../shared/domain.md, in Indonesian and in English), whatever its capitals and spaces: a list
    /// that carries labels where the codes belong is then told which code each one is.
    public init?(label: String) {
        let words = label.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).joined(separator: " ")
        guard let group = Self.labels[words] else { return nil }
        self = group
    }

    private static let labels: [String: WelfareGroup] = [
        "sangat miskin": .veryPoor, "miskin ekstrem": .veryPoor, "very poor": .veryPoor, "extreme poor": .veryPoor,
        "miskin": .poor, "poor": .poor,
        "rentan miskin": .vulnerable, "vulnerable": .vulnerable,
        "tidak miskin": .notPoor, "menengah ke atas": .notPoor, "not poor": .notPoor, "middle and above": .notPoor,
    ]
}
