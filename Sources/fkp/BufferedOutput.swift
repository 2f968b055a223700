import Foundation
import NIOCore

/// Collects text and writes it to a file handle in 64 KiB pieces (exports write many small lines).
final class BufferedOutput: @unchecked Sendable {
    private let handle: FileHandle
    private var pending = ""
    private let lock = NSLock()

    init(_ handle: FileHandle) { self.handle = handle }

    func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        pending += text
        if pending.utf8.count > 1 << 16 {
            handle.write(Data(pending.utf8))
            pending = ""
        }
    }

    /// Bytes already in pieces of a useful size go straight out, after what is pending.
    func write(bytes: ByteBuffer) {
        lock.lock()
        defer { lock.unlock() }
        if !pending.isEmpty {
            handle.write(Data(pending.utf8))
            pending = ""
        }
        handle.write(Data(bytes.readableBytesView))
    }

    func flush() {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(pending.utf8))
        pending = ""
    }
}
