/// What an import did.
public struct ImportReport: Sendable, Equatable {
    public var batchID: Int64?
    public var sha256: String
    public var rows: Int
    public var added: Int
    public var changed: Int
    public var removed: Int
    /// For a file only checked: the units that would lose families, most first (at most ten).
    public var removals: [UnitRemovals] = []

    public var isNoOp: Bool { added == 0 && changed == 0 && removed == 0 }

    /// How many families of one unit a families file would remove.
    public struct UnitRemovals: Sendable, Equatable {
        public var code: String
        public var name: String
        public var families: Int
    }
}
