import NIOCore
import XCTest

@testable import FKPStore

/// The buffers of a reading's batches: given back when their batch is gone, and taken again empty,
/// except one grown too large to keep.
final class RecordBatchBuffersTests: XCTestCase {
    func testABufferGivenBackIsTakenAgainEmptyAndAnOversizedOneIsDropped() {
        let buffers = RecordBatchBuffers()
        var small = buffers.take()
        small.writeString("a batch's rows")
        let memory = Self.address(small)
        var large = buffers.take()
        large.writeRepeatingByte(0, count: RecordBatchBuffers.largestKept + 1)
        XCTAssertEqual(buffers.made, 2)
        var leases: [RecordBatchBuffers.Lease]? = [.init(small, from: buffers), .init(large, from: buffers)]
        XCTAssertNotNil(leases)
        (small, large, leases) = (ByteBuffer(), ByteBuffer(), nil)

        let again = buffers.take()
        XCTAssertEqual(buffers.made, 2, "the small buffer, given back, is taken again")
        XCTAssertEqual(again.readableBytes, 0)
        XCTAssertEqual(Self.address(again), memory, "the same memory, emptied in place, not a copy of it")
        XCTAssertGreaterThanOrEqual(again.capacity, RecordBatchBuffers.firstCapacity)
        _ = buffers.take()
        XCTAssertEqual(buffers.made, 3, "the oversized one was not kept")
    }

    static func address(_ buffer: ByteBuffer) -> UInt {
        buffer.withVeryUnsafeBytes { UInt(bitPattern: $0.baseAddress) }
    }
}
