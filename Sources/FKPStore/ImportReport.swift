/// What an import did.
public struct ImportReport: Sendable, Equatable {
    public var batchID: Int64?
    public var sha256: String
    public var rows: Int
    public var added: Int
    public var changed: Int
    public var removed: Int
    /// For a file only checked: the units that would lose families, most first (at most ten).
    public var removals: [UnitFamilies] = []
    /// For a file only checked: the units it does not list whose families it would move into the
    /// units it lists, most first (at most ten). Ids that clash with another place's are taken so.
    public var takenFromUnitsNotListed: [UnitFamilies] = []
    /// For a regions file only checked: the places it would rename or mark otherwise, in code order
    /// (at most ten): a name column shifted or filled wrongly shows here before it renames a regency.
    public var placeChanges: [PlaceChange] = []

    public var isNoOp: Bool { added == 0 && changed == 0 && removed == 0 }

    /// A place a regions file would change: its name as it is, and what the file changes: the name
    /// it gives (nil: the same), the Non-SLS mark it gives (nil: the same).
    public struct PlaceChange: Sendable, Equatable {
        public var code: String
        public var name: String
        public var newName: String?
        public var nonSLS: Bool?

        public init(code: String, name: String, newName: String?, nonSLS: Bool?) {
            self.code = code
            self.name = name
            self.newName = newName
            self.nonSLS = nonSLS
        }
    }

    /// How many families of one unit a families file would remove, or take from it.
    public struct UnitFamilies: Sendable, Equatable {
        public var code: String
        public var name: String
        public var families: Int

        public init(code: String, name: String, families: Int) {
            self.code = code
            self.name = name
            self.families = families
        }
    }
}
