import CZlib

/// A gzip stream unpacked piece by piece as its bytes arrive (zlib's inflate), one member after
/// another as `gunzip` reads them (`cat a.gz b.gz`, or a parallel compressor's output). It tells a
/// stream that ended from one cut off before its end, which a partly sent file is.
final class GzipInflater {
    enum Failure: Error, Equatable {
        /// Not gzip where gzip was expected, a wrong checksum, bytes that are not a member after one.
        case damaged
        /// The bytes ended inside a member.
        case cutOff
    }

    /// The most each piece handed on holds: the size of the file reader's chunks.
    static let pieceSize = 1 << 18
    private let stream: UnsafeMutablePointer<z_stream>
    /// Whether the member read last has ended (nothing, or a whole member, was read otherwise).
    private var memberEnded = false

    init() throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 16 added to the window's bits: a gzip header and trailer (CRC-32 and length) around the deflate stream.
        guard fkp_inflateInit2(stream, 16 + MAX_WBITS) == Z_OK else {
            stream.deallocate()
            throw Failure.damaged
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Unpacks `input`, handing each piece unpacked to `take` as it comes.
    func inflate(_ input: [UInt8], take: ([UInt8]) throws -> Void) throws {
        var output = [UInt8](repeating: 0, count: Self.pieceSize)
        try input.withUnsafeBufferPointer { input in
            guard let start = input.baseAddress else { return }
            var consumed = 0
            while consumed < input.count {
                if memberEnded {
                    // More bytes after a member: the next member (zlib refuses anything else as damaged).
                    guard inflateReset(stream) == Z_OK else { throw Failure.damaged }
                    memberEnded = false
                }
                stream.pointee.next_in = UnsafeMutablePointer(mutating: start + consumed)
                stream.pointee.avail_in = UInt32(input.count - consumed)
                var outputFilled: Bool
                repeat {
                    let status = output.withUnsafeMutableBufferPointer { output in
                        stream.pointee.next_out = output.baseAddress
                        stream.pointee.avail_out = UInt32(output.count)
                        return CZlib.inflate(stream, Z_NO_FLUSH)
                    }
                    let produced = Self.pieceSize - Int(stream.pointee.avail_out)
                    if produced > 0 { try take(Array(output[0..<produced])) }
                    switch status {
                    case Z_OK, Z_BUF_ERROR: outputFilled = stream.pointee.avail_out == 0
                    case Z_STREAM_END:
                        memberEnded = true
                        outputFilled = false
                    default: throw Failure.damaged
                    }
                } while outputFilled
                let before = consumed
                consumed = input.count - Int(stream.pointee.avail_in)
                // zlib takes all it is given unless its output is full or a member ends; a call that
                // took nothing and ended nothing would be asked again forever.
                guard consumed > before || memberEnded else { throw Failure.damaged }
            }
        }
    }

    /// After the last bytes: throws `cutOff` when they ended inside a member.
    func finish() throws {
        guard memberEnded else { throw Failure.cutOff }
    }
}
