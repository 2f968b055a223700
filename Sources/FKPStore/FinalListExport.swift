import Crypto
import FKPCore

/// Writes the final list of a re-ranking run as stored, checking as it goes that it still hashes
/// to the output SHA-256 recorded with the run.
public struct FinalListExport: Sendable {
    let repository: RerankRepository

    public init(database: Database) { repository = RerankRepository(database: database) }

    public struct NoRun: Error, CustomStringConvertible {
        public let regency: String
        public var description: String { "regency \(regency) has no such re-ranking run; run fkp rerank first" }
    }

    public struct Altered: Error, CustomStringConvertible {
        public let runID: Int64
        public var description: String {
            "the stored final list of run \(runID) no longer hashes to the output SHA-256 recorded with the run: it was changed outside fkp, and what was written of it is not the run's list"
        }
    }

    /// The run (the latest when `runID` is nil), or `NoRun`.
    func run(regency: RegionCode, runID: Int64?) async throws -> RerankRepository.Run {
        let runs = try await repository.runs(regency: regency)
        guard let run = runID == nil ? runs.first : runs.first(where: { $0.id == runID }) else { throw NoRun(regency: regency.value) }
        return run
    }

    /// The run's list as CSV, written line by line as the lines are read and hashed. Whether they
    /// still give the run's output SHA-256 is known only after the last: then `Altered` is thrown,
    /// so a caller keeps what was written aside until this returns.
    @discardableResult
    public func write(regency: RegionCode, runID: Int64?, write: (String) async throws -> Void) async throws -> RerankRepository.Run {
        let run = try await run(regency: regency, runID: runID)
        var hasher = SHA256()
        func written(_ line: String) async throws {
            hasher.update(data: Array(line.utf8))
            try await write(line)
        }
        try await written(FinalListCSV.header)
        try await repository.eachEntry(runID: run.id) { try await written(FinalListCSV.line($0)) }
        guard AuditHashing.hex(hasher.finalize()) == run.outputSHA256 else { throw Altered(runID: run.id) }
        return run
    }
}
