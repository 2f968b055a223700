/// What an import did.
public struct ImportReport: Sendable, Equatable {
    public var batchID: Int64?
    public var sha256: String
    public var rows: Int
    public var added: Int
    public var changed: Int
    public var removed: Int
    /// The units that lose families, or the places renamed: said by a check, kept with the batch by a load.
    public var places = ChangedPlaces()
    /// The family card numbers and heads' NIKs its families share with another family: said by a
    /// check, kept with the batch by a load.
    public var sharedNumbers = SharedNumbers()

    public var isNoOp: Bool { added == 0 && changed == 0 && removed == 0 }
}
