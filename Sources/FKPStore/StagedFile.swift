/// A file read into the import's staging table: its rows, the SHA-256 of its bytes, and for a
/// families list the personal numbers that may be on more than one of its rows.
struct StagedFile: Sendable {
    var rows: Int
    var sha256: String
    var possiblyRepeated: PossiblyRepeated?

    /// The candidates of each column (`RepeatedNumberFilter`); nil: too many, ask of every row.
    struct PossiblyRepeated: Sendable {
        var kkNumbers: [String]?
        var headNIKs: [String]?
    }
}
