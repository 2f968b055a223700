import FKPCore
import FKPStore
import NIOConcurrencyHelpers

/// The families of each forum that share a family card number or a head's NIK with another of
/// it, read once a forum's families are fixed (`ForumState.fixesItsFamilies`) and kept: every
/// render of a review page after a verdict would otherwise read the whole forum's families again.
/// A planned forum's are read at each page, as an import may still change them.
final class SharedNumbersCache: Sendable {
    private struct State {
        var forums: [Int64: [String: ReviewRepository.NumbersShared]] = [:]
        /// Families held across forums, each counted with the others it names.
        var held = 0
    }

    private let state = NIOLockedValueBox(State())
    /// Families held at most (a forum whose every family shares one stand-in number holds all of
    /// its families); past it, the forums kept are let go and read again as asked.
    let capacity: Int

    init(capacity: Int = 200_000) { self.capacity = capacity }

    func shared(in forum: ForumSummary, reading reviews: ReviewRepository) async throws -> [String: ReviewRepository.NumbersShared] {
        guard forum.state.fixesItsFamilies else { return try await reviews.sharedNumbers(forumID: forum.id) }
        if let shared = state.withLockedValue({ $0.forums[forum.id] }) { return shared }
        let shared = try await reviews.sharedNumbers(forumID: forum.id)
        let size = shared.values.reduce(shared.count) { $0 + $1.named.count }
        state.withLockedValue { state in
            if state.held + size > capacity { state = State() }
            if state.forums.updateValue(shared, forKey: forum.id) == nil { state.held += size }
        }
        return shared
    }
}
