/// The four ordered welfare groups. Codes are fixed; their labels are the catalogue's (`group_1`…`group_4`,
/// as on the 2023 forum lists).
public enum WelfareGroup: Int, CaseIterable, Sendable, Codable, Comparable {
    case veryPoor = 1, poor, vulnerable, notPoor

    public var code: Int { rawValue }

    public static func < (lhs: WelfareGroup, rhs: WelfareGroup) -> Bool { lhs.rawValue < rhs.rawValue }
}
