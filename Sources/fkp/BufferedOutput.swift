import FKPStore
import Foundation
import NIOCore

/// Collects text and writes it to a file handle in 64 KiB pieces (exports write many small lines).
/// A failed write (a full disk, a pipe closed by its reader) is thrown as an `OutputFailure`, not lost.
/// A file written is kept out of the system's cache behind the writer (`DropBehind`).
final class BufferedOutput: @unchecked Sendable {
    private let handle: FileHandle
    /// The file written, for a failure to name; nil for standard output.
    private let path: String?
    private var pending = ""
    private var dropBehind: DropBehind?
    private let lock = NSLock()

    init(_ handle: FileHandle, writingTo path: String?) {
        self.handle = handle
        self.path = path
        dropBehind = DropBehind(descriptor: handle.fileDescriptor)
    }

    func write(_ text: String) throws {
        lock.lock()
        defer { lock.unlock() }
        pending += text
        if pending.utf8.count > 1 << 16 { try writePending() }
    }

    /// Bytes already in pieces of a useful size go straight out, after what is pending, uncopied.
    func write(bytes: ByteBuffer) throws {
        lock.lock()
        defer { lock.unlock() }
        try writePending()
        try bytes.withUnsafeReadableBytes { raw in
            guard let start = raw.baseAddress else { return }
            try write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: start), count: raw.count, deallocator: .none))
        }
        dropBehind?.passed(bytes.readableBytes)
    }

    func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        try writePending()
    }

    private func writePending() throws {
        guard !pending.isEmpty else { return }
        try write(Data(pending.utf8))
        dropBehind?.passed(pending.utf8.count)
        pending = ""
    }

    private func write(_ data: Data) throws {
        do { try handle.write(contentsOf: data) } catch { throw OutputFailure(error, writingTo: path) }
    }
}
