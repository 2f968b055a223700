import FKPCore

/// Writes the final list of a re-ranking run as stored, after checking that it still hashes to
/// the output SHA-256 recorded with the run.
public struct FinalListExport: Sendable {
    let repository: RerankRepository

    public init(database: Database) { repository = RerankRepository(database: database) }

    public struct NoRun: Error, CustomStringConvertible {
        public let regency: String
        public var description: String { "regency \(regency) has no such re-ranking run; run fkp rerank first" }
    }

    public struct Altered: Error, CustomStringConvertible {
        public let runID: Int64
        public var description: String { "the stored final list of run \(runID) no longer hashes to the output recorded with the run" }
    }

    /// The run (the latest when `runID` is nil) and its stored lines, checked against the run's output SHA-256.
    public func entries(regency: RegionCode, runID: Int64?) async throws -> (run: RerankRepository.Run, entries: [Reranking.Entry]) {
        let runs = try await repository.runs(regency: regency)
        guard let run = runID == nil ? runs.first : runs.first(where: { $0.id == runID }) else { throw NoRun(regency: regency.value) }
        let entries = try await repository.entries(runID: run.id)
        guard FinalListCSV.sha256(of: entries) == run.outputSHA256 else { throw Altered(runID: run.id) }
        return (run, entries)
    }

    /// The same as one CSV text, for a download.
    public func document(regency: RegionCode, runID: Int64?) async throws -> (run: RerankRepository.Run, csv: String) {
        let (run, entries) = try await entries(regency: regency, runID: runID)
        return (run, FinalListCSV.document(entries))
    }

    /// The same written line by line.
    public func write(regency: RegionCode, runID: Int64?, write: @Sendable (String) async throws -> Void) async throws {
        let entries = try await entries(regency: regency, runID: runID).entries
        try await write(FinalListCSV.header)
        for entry in entries { try await write(FinalListCSV.line(entry)) }
    }
}
