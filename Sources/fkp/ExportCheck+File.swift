import FKPCore
import FKPStore
import Foundation

extension ExportCheck {
    /// Feeds the whole file, reading each next block while this one is checked; the blocks checked
    /// are let go from the system's cache (`DropBehind`).
    mutating func feed(file: FileHandle) async throws {
        var dropBehind = DropBehind(descriptor: file.fileDescriptor)
        var next = Task { try file.read(upToCount: Self.blockSize) }
        while let block = try await next.value, !block.isEmpty {
            next = Task { try file.read(upToCount: Self.blockSize) }
            feed(block)
            dropBehind?.passed(block.count)
        }
    }
}
