/// Chunks unpacked from a compressed file, whose damage shows only once they are read to their end.
/// `SendableMetatype`: no conformance to it is isolated, so an iterator found to be one by a cast
/// is still its reader's to read on.
public protocol UnpackingIterator: AsyncIteratorProtocol, SendableMetatype {
    /// Whether the file was compressed and is being unpacked: read to its end, it throws what the
    /// compressed file's end says of it (damaged, cut off).
    var isUnpacking: Bool { get }
}
