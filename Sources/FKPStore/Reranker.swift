import FKPCore
import Foundation
import NIOPosix

/// One re-ranking of a regency, as the command line and the BPS staff's button run it: refuse
/// while forums are open (unless a provisional run is asked for), rank by the rule, store the run
/// with the hashes of its inputs and output.
public struct Reranker: Sendable {
    let repository: RerankRepository

    public init(database: Database) { repository = RerankRepository(database: database) }

    public enum Outcome: Sendable {
        /// Forums of the regency are not closed, and no provisional run was asked for.
        case forumsStillOpen([Int64])
        case ran(runID: Int64, provisional: Bool, inputsSHA256: String, outputSHA256: String, result: Reranking.Result)
        /// The same form, sent again (a button tapped twice while a large regency ranks), found
        /// the run its first sending made: nothing new is stored.
        case sentAgain(runID: Int64)
    }

    /// `sentAfter`: from a form, the latest run its page showed (0 for none); see `Outcome.sentAgain`.
    public func run(regency: RegionCode, allowOpen: Bool, sentAfter shown: Int64? = nil, context: WriteContext) async throws -> Outcome {
        if let shown, let made = try await repository.runMade(regency: regency, after: shown, by: context.actor) { return .sentAgain(runID: made) }
        let inputs = try await repository.inputs(regency: regency, allowOpen: allowOpen)
        let open = inputs.openForums
        if !open.isEmpty && !allowOpen { return .forumsStillOpen(open) }
        // Seconds of work for a large regency, done on the pool for blocking work, as bcrypt is: on the
        // threads that every request's tasks share, it would hold one of them from the others meanwhile.
        let (result, inputsSHA, outputSHA) = try await NIOThreadPool.singleton.runIfActive {
            let result = Reranking.rank(regency: regency, families: inputs.families, added: inputs.added)
            return (result, FinalListCSV.inputsSHA256(families: inputs.families, added: inputs.added), FinalListCSV.sha256(of: result.entries))
        }
        let recorded = try await repository.record(regency: regency, result: result, inputsSHA256: inputsSHA, outputSHA256: outputSHA,
                                                   openForums: open, sentAfter: shown, context: context)
        guard recorded.isNew else { return .sentAgain(runID: recorded.id) }
        return .ran(runID: recorded.id, provisional: !open.isEmpty, inputsSHA256: inputsSHA, outputSHA256: outputSHA, result: result)
    }
}
