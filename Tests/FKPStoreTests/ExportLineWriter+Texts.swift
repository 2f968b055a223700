@testable import FKPStore
import NIOCore

extension ExportLineWriter {
    /// The line of an entry whose columns are given as texts (nil: absent), as the database would send them.
    func line(_ texts: [String?]) -> [UInt8] {
        var arena: [UInt8] = []
        let ranges = texts.map { text in
            text.map { text in
                let start = arena.count
                arena.append(contentsOf: text.utf8)
                return start..<arena.count
            }
        }
        var out = ByteBuffer()
        arena.withUnsafeBufferPointer { bytes in
            append(ranges.map { $0.map { UnsafeBufferPointer(rebasing: bytes[$0]) } }, to: &out)
        }
        return Array(out.readableBytesView)
    }
}
