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

    /// The run (the latest when `runID` is nil) and its list as CSV.
    public func document(regency: RegionCode, runID: Int64?) async throws -> (run: RerankRepository.Run, csv: String) {
        let runs = try await repository.runs(regency: regency)
        guard let run = runID == nil ? runs.first : runs.first(where: { $0.id == runID }) else { throw NoRun(regency: regency.value) }
        let csv = FinalListCSV.document(try await repository.entries(runID: run.id))
        guard FinalListCSV.sha256(csv) == run.outputSHA256 else { throw Altered(runID: run.id) }
        return (run, csv)
    }

    public func write(regency: RegionCode, runID: Int64?, write: @Sendable (String) async throws -> Void) async throws {
        try await write(try await document(regency: regency, runID: runID).csv)
    }
}
