import NIOConcurrencyHelpers

/// One read that many requests ask for at once, made for all of them in one query. Every request
/// of a logged-in person reads its session; one round trip each cost more in the pool, the driver
/// and PostgreSQL's per-statement work than the rows themselves. A read asked for while `limit`
/// batches are under way waits for one of them to end and goes with the next batch, which starts
/// after it was asked for: what it gets is never older than the request.
///
/// An idle server reads each request alone, at once; under load the batches grow with the waiting.
/// A batch that fails fails each of its reads with the same error, and when the database is
/// unavailable, the reads waiting behind it too. A waiting read is not cancelled with its task: it
/// is answered when its batch is.
final class CoalescedReads<Request: Sendable, Answer: Sendable>: Sendable {
    /// Reads a batch; answers in the order of the requests.
    typealias Fetch = @Sendable ([Request]) async throws -> [Answer]

    private struct Waiting {
        let request: Request
        let continuation: CheckedContinuation<Answer, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var running = 0
    }

    private let state = NIOLockedValueBox(State())
    private let limit: Int
    private let largestBatch: Int
    private let fetch: Fetch

    init(limit: Int, largestBatch: Int, fetch: @escaping Fetch) {
        precondition(limit > 0 && largestBatch > 0)
        self.limit = limit
        self.largestBatch = largestBatch
        self.fetch = fetch
    }

    func read(_ request: Request) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            let startsBatches = state.withLockedValue { state in
                state.waiting.append(Waiting(request: request, continuation: continuation))
                guard state.running < limit else { return false }
                state.running += 1
                return true
            }
            // Detached: the batches serve every request that waits, not the one that happened to start them.
            if startsBatches { Task.detached { await self.readWhileWaiting() } }
        }
    }

    /// Reads asked for and not yet in a batch.
    var waiting: Int { state.withLockedValue { $0.waiting.count } }

    /// Reads batch after batch until nobody waits.
    private func readWhileWaiting() async {
        while let batch = nextBatch() {
            do {
                let answers = try await fetch(batch.map(\.request))
                precondition(answers.count == batch.count, "a batch read must answer every request")
                for (waiting, answer) in zip(batch, answers) { waiting.continuation.resume(returning: answer) }
            } catch {
                // With the database gone, the reads waiting behind the batch fail with it: each
                // would otherwise wait out the connection timeout of its own batch after this one's.
                let behind = error is DatabaseUnavailable ? takeEveryWaiting() : []
                for waiting in batch + behind { waiting.continuation.resume(throwing: error) }
            }
        }
    }

    private func takeEveryWaiting() -> [Waiting] {
        state.withLockedValue { state in
            defer { state.waiting = [] }
            return state.waiting
        }
    }

    private func nextBatch() -> [Waiting]? {
        state.withLockedValue { state in
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            let count = min(state.waiting.count, largestBatch)
            let batch = Array(state.waiting.prefix(count))
            state.waiting.removeFirst(count)
            return batch
        }
    }
}
