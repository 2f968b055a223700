extension ListImporter {
    /// How far an import has come, for a person watching it. Reading the file is a seventh of a
    /// large import's time (docs/benchmarks.md); the rest is the database's work, said as such
    /// rather than as a percent that stays at its end.
    public enum Stage: Sendable, Equatable {
        /// The rows read so far (how much of the file that is, the file's reader knows: `FileChunks.offset`).
        case reading(rows: Int)
        /// Read whole: the rows checked against the database and compared with what it holds.
        case checking(rows: Int)
        /// Checked: the batch written.
        case loading(rows: Int)
    }
}
