import NIOConcurrencyHelpers

/// The first of several possible answers, awaited once.
final class OneAnswer<Value: Sendable>: Sendable {
    /// Runs `work` in a task of its own and answers with the first of its outcome and whatever
    /// `meanwhile` arms gives (a closing connection, a deadline); `meanwhile` returns what disarms
    /// them. The task is cancelled when the caller is, or when it is answered otherwise: it then
    /// ends, or is left waiting on what will never answer it.
    static func first(running work: sending @escaping (OneAnswer<Value>) async throws -> Value,
                      meanwhile arm: (OneAnswer<Value>) -> () -> Void) async throws -> Value {
        let answer = OneAnswer<Value>()
        let task = Task {
            do { answer.give(.success(try await work(answer))) } catch { answer.give(.failure(error)) }
        }
        let disarm = arm(answer)
        defer { disarm() }
        do {
            return try await withTaskCancellationHandler {
                try await answer.value
            } onCancel: {
                task.cancel()
            }
        } catch {
            task.cancel()
            throw error
        }
    }

    private enum Phase {
        case pending
        case awaited(CheckedContinuation<Value, any Error>)
        case given(Result<Value, any Error>)
        case taken
    }

    private let phase = NIOLockedValueBox(Phase.pending)

    func give(_ result: Result<Value, any Error>) {
        let continuation = phase.withLockedValue { phase -> CheckedContinuation<Value, any Error>? in
            switch phase {
            case .pending:
                phase = .given(result)
                return nil
            case .awaited(let continuation):
                phase = .taken
                return continuation
            case .given, .taken:
                return nil
            }
        }
        continuation?.resume(with: result)
    }

    var value: Value {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let given = phase.withLockedValue { phase -> Result<Value, any Error>? in
                    if case .given(let result) = phase {
                        phase = .taken
                        return result
                    }
                    phase = .awaited(continuation)
                    return nil
                }
                if let given { continuation.resume(with: given) }
            }
        }
    }
}
