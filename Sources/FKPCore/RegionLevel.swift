/// The levels of BPS's place codes. Each level adds digits to its parent's code.
public enum RegionLevel: String, CaseIterable, Sendable, Codable {
    case province, regency, district, village, sls, subsls

    /// Digits of a code at this level.
    public var codeLength: Int {
        switch self {
        case .province: 2
        case .regency: 4
        case .district: 7
        case .village: 10
        case .sls: 14
        case .subsls: 16
        }
    }

    public init?(codeLength: Int) {
        guard let level = Self.allCases.first(where: { $0.codeLength == codeLength }) else { return nil }
        self = level
    }

    public var parent: RegionLevel? {
        guard let index = Self.allCases.firstIndex(of: self), index > 0 else { return nil }
        return Self.allCases[index - 1]
    }

    public var child: RegionLevel? {
        guard let index = Self.allCases.firstIndex(of: self), index + 1 < Self.allCases.count else { return nil }
        return Self.allCases[index + 1]
    }

    /// Whether families are listed directly in a unit of this level.
    public var holdsFamilies: Bool { self == .sls || self == .subsls }
}
