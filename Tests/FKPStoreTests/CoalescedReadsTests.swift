import NIOConcurrencyHelpers
import XCTest

@testable import FKPStore

/// Reads asked for at once go to the database together, each read gets its own answer, and no
/// read is answered from a batch that began before it was asked.
final class CoalescedReadsTests: XCTestCase {
    private struct Refused: Error, Equatable { let batch: [Int] }

    /// Records each batch and holds it until the test releases it; a batch holding a negative
    /// request fails.
    private final class HeldFetches: Sendable {
        private let state = NIOLockedValueBox<(batches: [[Int]], holds: [CheckedContinuation<Void, Never>])>(([], []))

        var batches: [[Int]] { state.withLockedValue { $0.batches } }

        func fetch(_ batch: [Int]) async throws -> [Int] {
            await withCheckedContinuation { hold in
                state.withLockedValue { $0.batches.append(batch); $0.holds.append(hold) }
            }
            if batch.contains(where: { $0 < 0 }) { throw Refused(batch: batch) }
            return batch.map { $0 * 10 }
        }

        /// Lets the batches under way answer.
        func release() {
            let holds = state.withLockedValue { state in
                defer { state.holds = [] }
                return state.holds
            }
            for hold in holds { hold.resume() }
        }

        var held: Int { state.withLockedValue { $0.holds.count } }
    }

    private func eventually(_ what: String, _ condition: () -> Bool) async throws {
        for _ in 0..<2000 where !condition() { try await Task.sleep(for: .milliseconds(1)) }
        XCTAssertTrue(condition(), what)
    }

    func testAReadAloneGoesAtOnceAndReadsAskedMeanwhileGoTogetherInTheNextBatch() async throws {
        let fetches = HeldFetches()
        let reads = CoalescedReads<Int, Int>(limit: 1, largestBatch: 100, fetch: fetches.fetch)
        let first = Task { try await reads.read(1) }
        try await eventually("the first read goes alone, at once") { fetches.batches == [[1]] }

        let later = (2...6).map { n in Task { try await reads.read(n) } }
        try await eventually("the later reads wait for the batch under way") { reads.waiting == 5 }
        XCTAssertEqual(fetches.batches.count, 1, "no second batch while the limit's one is under way")

        fetches.release()
        let firstAnswer = try await first.value
        XCTAssertEqual(firstAnswer, 10)
        try await eventually("the waiting reads go as one batch") { fetches.held == 1 }
        XCTAssertEqual(fetches.batches.count, 2)
        XCTAssertEqual(fetches.batches.last?.sorted(), [2, 3, 4, 5, 6], "every read asked meanwhile, and no earlier one")
        fetches.release()
        for (n, task) in zip(2...6, later) {
            let answer = try await task.value
            XCTAssertEqual(answer, n * 10, "each read gets its own answer")
        }
        XCTAssertEqual(reads.waiting, 0)
    }

    func testBatchesAreAtMostTheLargestAndAtMostTheLimitRunAtOnce() async throws {
        let fetches = HeldFetches()
        let reads = CoalescedReads<Int, Int>(limit: 2, largestBatch: 2, fetch: fetches.fetch)
        let tasks = (1...7).map { n in Task { try await reads.read(n) } }
        try await eventually("two batches under way, the rest waiting") {
            fetches.held == 2 && reads.waiting + fetches.batches.joined().count == 7
        }
        for _ in 0..<2000 where fetches.batches.joined().count < 7 {
            XCTAssertLessThanOrEqual(fetches.held, 2, "never more than the limit at once")
            fetches.release()
            try await Task.sleep(for: .milliseconds(1))
        }
        fetches.release()
        XCTAssertEqual(fetches.batches.flatMap { $0 }.sorted(), Array(1...7), "every read once")
        XCTAssertTrue(fetches.batches.allSatisfy { $0.count <= 2 }, "\(fetches.batches)")
        for (n, task) in zip(1...7, tasks) {
            let answer = try await task.value
            XCTAssertEqual(answer, n * 10)
        }
    }

    func testAFailedBatchFailsEachOfItsReadsAndTheNextBatchReadsAgain() async throws {
        let fetches = HeldFetches()
        let reads = CoalescedReads<Int, Int>(limit: 1, largestBatch: 100, fetch: fetches.fetch)
        let first = Task { try await reads.read(1) }
        try await eventually("the first batch under way") { fetches.held == 1 }
        let failing = [Task { try await reads.read(-1) }, Task { try await reads.read(2) }]
        try await eventually("both wait") { reads.waiting == 2 }
        fetches.release()
        _ = try await first.value
        try await eventually("the failing batch under way") { fetches.held == 1 }
        let behind = Task { try await reads.read(4) }
        try await eventually("one more waits behind it") { reads.waiting == 1 }
        fetches.release()
        for task in failing {
            do {
                _ = try await task.value
                XCTFail("a read of a failed batch must fail")
            } catch let refused as Refused {
                XCTAssertEqual(refused.batch.sorted(), [-1, 2])
            }
        }
        try await eventually("the read behind goes on in a batch of its own") { fetches.held == 1 }
        XCTAssertEqual(fetches.batches.last, [4])
        fetches.release()
        let behindAnswer = try await behind.value
        XCTAssertEqual(behindAnswer, 40, "a failure other than an outage is its batch's alone")
        let again = Task { try await reads.read(3) }
        try await eventually("a new read goes at once") { fetches.held == 1 }
        fetches.release()
        let answer = try await again.value
        XCTAssertEqual(answer, 30)
    }

    func testWithTheDatabaseGoneTheReadsWaitingBehindAFailedBatchFailWithIt() async throws {
        let fetches = HeldFetches()
        let reads = CoalescedReads<Int, Int>(limit: 1, largestBatch: 100) { batch in
            let answers = try await fetches.fetch(batch)
            if batch.contains(0) { throw DatabaseUnavailable(reason: "no database connection within 3 seconds") }
            return answers
        }
        let answered = NIOLockedValueBox(0)
        func read(_ n: Int) -> Task<Int, any Error> {
            Task {
                defer { answered.withLockedValue { $0 += 1 } }
                return try await reads.read(n)
            }
        }
        let lost = read(0)
        try await eventually("the batch under way") { fetches.held == 1 }
        let behind = (1...3).map(read)
        try await eventually("three wait behind it") { reads.waiting == 3 }
        fetches.release()
        try await eventually("every read answered with the batch") { answered.withLockedValue { $0 } == 4 }
        fetches.release()  // a second batch, had there been one
        for task in [lost] + behind {
            do {
                _ = try await task.value
                XCTFail("every read fails at once with the outage")
            } catch let error as DatabaseUnavailable {
                XCTAssertEqual(error.reason, "no database connection within 3 seconds")
            }
        }
        XCTAssertEqual(fetches.batches, [[0]], "no second wait for the database")
        XCTAssertEqual(reads.waiting, 0)
    }
}
