import NIOConcurrencyHelpers
import NIOCore

/// The buffers one reading's batches are filled into, each filled again once no batch holds it.
/// A batch of a large read is a few megabytes: taken anew for every batch, its pages were faulted
/// in, zeroed and given back to the system each time (over a hundred thousand page faults in an
/// export of a million entries, several seconds of system time when the machine's memory was slow
/// to hand out), and it was grown by copying while its rows arrived.
final class RecordBatchBuffers: Sendable {
    /// A buffer grown larger is not kept: a batch of one huge row must not hold its memory for the
    /// rest of the reading.
    static let largestKept = 8 << 20
    /// What a new buffer starts with (it grows with its first batches, and is kept grown).
    static let firstCapacity = 1 << 20

    private struct State {
        var spare: [ByteBuffer] = []
        var made = 0
    }

    private let state = NIOLockedValueBox(State())

    init() {}

    /// An empty buffer: one a finished batch gave back, or a new one.
    func take() -> ByteBuffer {
        // Bound at once, not through a constant that would hold a second reference to the buffer
        // and make clear() allocate anew.
        guard var buffer = state.withLockedValue({ state -> ByteBuffer? in
            if let buffer = state.spare.popLast() { return buffer }
            state.made += 1
            return nil
        }) else { return ByteBufferAllocator().buffer(capacity: Self.firstCapacity) }
        buffer.clear()  // in place: nothing else holds it
        return buffer
    }

    /// How many buffers were made new rather than taken again (for tests).
    var made: Int { state.withLockedValue { $0.made } }

    /// Gives `bytes` back to `buffers` when the last batch reading them is gone.
    final class Lease: Sendable {
        let bytes: ByteBuffer
        private let buffers: RecordBatchBuffers

        init(_ bytes: ByteBuffer, from buffers: RecordBatchBuffers) {
            self.bytes = bytes
            self.buffers = buffers
        }

        deinit {
            guard bytes.capacity <= RecordBatchBuffers.largestKept else { return }
            buffers.state.withLockedValue { $0.spare.append(bytes) }
        }
    }
}
