import CZlib

/// A gzip stream unpacked piece by piece as its bytes arrive (zlib's inflate), one member after
/// another as `gunzip` reads them (`cat a.gz b.gz`, or a parallel compressor's output). It tells a
/// stream that ended from one cut off before its end, which a partly sent file is. Pieces are
/// taken one at a time, so that a few compressed bytes that unpack to gigabytes (a thousand to one
/// is gzip's most) never stand in memory at once.
final class GzipInflater {
    enum Failure: Error, Equatable {
        /// Not gzip where gzip was expected, a wrong checksum, bytes that are not a member after one.
        case damaged
        /// The bytes ended inside a member.
        case cutOff
    }

    /// The most each piece holds: the size of the file reader's chunks.
    static let pieceSize = 1 << 18
    private let stream: UnsafeMutablePointer<z_stream>
    private var input: [UInt8] = []
    private var taken = 0
    /// Whether the last call filled its piece, so that more may come without more input.
    private var outputPending = false
    /// Whether the member read last has ended.
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

    /// The next bytes of the file, once the pieces of those before have all been taken.
    func feed(_ bytes: [UInt8]) {
        input = bytes
        taken = 0
    }

    /// The next piece unpacked, or nil once the bytes fed are all unpacked.
    func next() throws -> [UInt8]? {
        while taken < input.count || outputPending {
            if memberEnded {
                guard taken < input.count else { return nil }
                // More bytes after a member: the next member (zlib refuses anything else as damaged).
                guard inflateReset(stream) == Z_OK else { throw Failure.damaged }
                memberEnded = false
            }
            var piece = [UInt8](repeating: 0, count: Self.pieceSize)
            let offered = input.count - taken
            let status = input.withUnsafeBufferPointer { input in
                piece.withUnsafeMutableBufferPointer { piece in
                    stream.pointee.next_in = offered > 0 ? UnsafeMutablePointer(mutating: input.baseAddress! + taken) : nil
                    stream.pointee.avail_in = UInt32(offered)
                    stream.pointee.next_out = piece.baseAddress
                    stream.pointee.avail_out = UInt32(piece.count)
                    return CZlib.inflate(stream, Z_NO_FLUSH)
                }
            }
            let produced = Self.pieceSize - Int(stream.pointee.avail_out)
            let consumed = offered - Int(stream.pointee.avail_in)
            taken += consumed
            switch status {
            case Z_OK, Z_BUF_ERROR: outputPending = stream.pointee.avail_out == 0
            case Z_STREAM_END:
                memberEnded = true
                outputPending = false
            default: throw Failure.damaged
            }
            if produced > 0 {
                piece.removeSubrange(produced...)
                return piece
            }
            // zlib takes what it is given unless its output is full or a member ends: input offered
            // and neither taken nor ending anything would be offered again forever.
            guard consumed > 0 || memberEnded || offered == 0 else { throw Failure.damaged }
        }
        return nil
    }

    /// After the last bytes: throws `cutOff` when they ended inside a member.
    func finish() throws {
        guard memberEnded else { throw Failure.cutOff }
    }
}
