/// The four ordered welfare groups. Codes are fixed; labels are a catalogue with two editions.
public enum WelfareGroup: Int, CaseIterable, Sendable, Codable, Comparable {
    case veryPoor = 1, poor, vulnerable, notPoor

    public enum LabelEdition: Sendable { case outreach2022, forumList2023 }

    public var code: Int { rawValue }

    /// The Indonesian label as BPS printed it in the given edition.
    public func label(_ edition: LabelEdition = .forumList2023) -> String {
        switch (self, edition) {
        case (.veryPoor, .outreach2022): "Miskin ekstrem"
        case (.veryPoor, .forumList2023): "Sangat miskin"
        case (.poor, _): "Miskin"
        case (.vulnerable, _): "Rentan miskin"
        case (.notPoor, .outreach2022): "Menengah ke atas"
        case (.notPoor, .forumList2023): "Tidak miskin"
        }
    }

    public static func < (lhs: WelfareGroup, rhs: WelfareGroup) -> Bool { lhs.rawValue < rhs.rawValue }
}
