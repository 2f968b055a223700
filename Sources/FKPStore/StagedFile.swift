import FKPCore

/// A file read into the import's staging table: its rows, the SHA-256 of its bytes, its regencies,
/// and for a families list its units and the personal numbers that may be on more than one of its
/// rows, as the reading found them (each a pass over the table saved: 0.2 s a million rows).
struct StagedFile: Sendable {
    var rows: Int
    var sha256: String
    /// The regencies its rows lie in, in code order (a province's own code for a regions list's province row).
    var regencies: [String]
    /// A families list's units, in code order (nil for a regions list).
    var units: [String]?
    var possiblyRepeated: PossiblyRepeatedNumbers?
}
