/// Chunks unpacked from a compressed file, whose damage shows only once they are read to their end.
public protocol UnpackingIterator: AsyncIteratorProtocol {
    /// Whether the file was compressed and is being unpacked.
    var isUnpacking: Bool { get }
    /// Reads the rest, throwing what a compressed file's end says of it (damaged, cut off).
    mutating func readToEnd() async throws
}
