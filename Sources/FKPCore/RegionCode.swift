/// A BPS place code: digits only, whose length gives the level and whose prefix is the parent.
public struct RegionCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String
    public let level: RegionLevel

    public enum Problem: Error, Equatable, Sendable {
        case notDigits
        case unknownLength(Int)
        case reservedRegencyNumber(String)
        case unusedProvinceNumber(String)
    }

    public init(_ value: String) throws(Problem) {
        guard !value.isEmpty, value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw .notDigits
        }
        guard let level = RegionLevel(codeLength: value.utf8.count) else { throw .unknownLength(value.utf8.count) }
        // Province numbers start at 11 (Aceh); the database holds the same rule.
        let provinceNumber = String(value.prefix(2))
        if provinceNumber < "11" { throw .unusedProvinceNumber(provinceNumber) }
        if value.utf8.count >= 4 {
            // 01-69 are regencies, 71-99 cities; 00 and 70 are not used.
            let regencyNumber = String(value.dropFirst(2).prefix(2))
            if regencyNumber == "00" || regencyNumber == "70" { throw .reservedRegencyNumber(regencyNumber) }
        }
        self.value = value
        self.level = level
    }

    public static func parse(_ value: String) -> RegionCode? { try? RegionCode(value) }

    public var parent: RegionCode? {
        guard let parentLevel = level.parent else { return nil }
        return try? RegionCode(String(value.prefix(parentLevel.codeLength)))
    }

    /// The code itself and every ancestor, from the province down.
    public var lineage: [RegionCode] {
        var chain: [RegionCode] = [self]
        while let up = chain.last?.parent { chain.append(up) }
        return chain.reversed()
    }

    /// The regency (or city) this code lies in, if it is at regency level or below.
    public var regency: RegionCode? { lineage.first { $0.level == .regency } }

    public func contains(_ other: RegionCode) -> Bool { other.value.hasPrefix(value) }

    /// Regency numbers 71-99 are cities (kota).
    public var isCity: Bool { level == .regency && (Int(value.suffix(2)) ?? 0) >= 71 }

    public var description: String { value }
    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.value < rhs.value }
}
