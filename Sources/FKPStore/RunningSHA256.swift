import Crypto
import NIOConcurrencyHelpers
import NIOCore

/// The SHA-256 of a file written in pieces, updated off the task that writes them: the exporter
/// hashes one batch while it formats the next. Each update is awaited before the next starts; the
/// lock makes that order safe to the compiler and the memory model (SHA256 is not Sendable).
final class RunningSHA256: @unchecked Sendable {
    private let lock = NIOLock()
    private var hasher = SHA256()

    func update(_ bytes: ByteBuffer) {
        lock.withLock { bytes.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) } }
    }

    func finalize() -> SHA256.Digest {
        lock.withLock { hasher.finalize() }
    }
}
