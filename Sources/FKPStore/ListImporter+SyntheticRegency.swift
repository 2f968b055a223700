import FKPCore

extension ListImporter {
    /// Loads a generated regency as BPS staff load a real one: its regions file, then its families
    /// file, each an import batch (named `PREFIX-regions.csv` and `PREFIX-families.csv`).
    public func load(_ generated: SyntheticRegency, fileNamePrefix prefix: String, context: WriteContext) async throws {
        for (kind, text) in [(ListKind.regions, generated.regionsCSV), (.families, generated.familiesCSV)] {
            let bytes = Array(text.utf8)
            // In the pieces a file is read in, so that the import meets the text as it meets a file.
            let chunks = AsyncStream<[UInt8]> { continuation in
                for start in stride(from: 0, to: bytes.count, by: 1 << 18) {
                    continuation.yield(Array(bytes[start..<min(start + (1 << 18), bytes.count)]))
                }
                continuation.finish()
            }
            _ = try await run(kind, chunks: chunks, fileName: "\(prefix)-\(kind.rawValue).csv", context: context)
        }
    }
}
