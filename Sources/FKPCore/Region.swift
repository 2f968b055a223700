/// A place as stored: its code, name, level, and whether it is a Non-SLS unit.
public struct Region: Sendable, Equatable {
    public var code: RegionCode
    public var name: String
    public var isNonSLS: Bool

    public init(code: RegionCode, name: String, isNonSLS: Bool = false) {
        self.code = code
        self.name = name
        self.isNonSLS = isNonSLS
    }

    public var level: RegionLevel { code.level }
}
