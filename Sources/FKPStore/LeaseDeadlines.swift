import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Gives up on waits for a pooled connection that outlast their deadline: one timer a process,
/// ten times a second, instead of a sleeping task beside every database operation (which, with
/// its task group, cost a fifth of the throughput of a review page served from the cache).
final class LeaseDeadlines: Sendable {
    static let shared = LeaseDeadlines()
    static let tick = TimeAmount.milliseconds(100)

    private struct Waiting {
        let deadline: NIODeadline
        let expire: @Sendable () -> Void
    }

    private struct State {
        var waiting: [UInt64: Waiting] = [:]
        var nextToken: UInt64 = 0
        var timer: RepeatedTask?
    }

    private let state = NIOLockedValueBox(State())

    /// Calls `expire` once `deadline` has passed (within a tick), unless `remove` came first.
    func add(deadline: NIODeadline, expire: @escaping @Sendable () -> Void) -> UInt64 {
        let (token, startTimer) = state.withLockedValue { state -> (UInt64, Bool) in
            state.nextToken += 1
            state.waiting[state.nextToken] = Waiting(deadline: deadline, expire: expire)
            return (state.nextToken, state.timer == nil)
        }
        if startTimer {
            let timer = MultiThreadedEventLoopGroup.singleton.next().scheduleRepeatedTask(initialDelay: Self.tick, delay: Self.tick) {
                [self] _ in sweep()
            }
            let extra = state.withLockedValue { state -> RepeatedTask? in
                guard state.timer == nil else { return timer }
                state.timer = timer
                return nil
            }
            extra?.cancel()  // another operation started it in the meantime
        }
        return token
    }

    func remove(_ token: UInt64) {
        state.withLockedValue { _ = $0.waiting.removeValue(forKey: token) }
    }

    private func sweep() {
        let now = NIODeadline.now()
        let due = state.withLockedValue { state -> [Waiting] in
            let due = state.waiting.filter { $0.value.deadline <= now }
            for token in due.keys { state.waiting[token] = nil }
            return Array(due.values)
        }
        for waiting in due { waiting.expire() }
    }
}
