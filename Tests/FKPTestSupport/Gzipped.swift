import CompressNIO
import NIOCore

/// Bytes compressed as `gzip` writes them: a list sent compressed.
public enum Gzipped {
    /// `stored`: kept as they are inside the gzip stream (level 0), so that a test can change the text
    /// within it and only the checksum at its end tells.
    public static func bytes(_ bytes: [UInt8], stored: Bool = false) -> [UInt8] {
        var buffer = ByteBuffer(bytes: bytes)
        let level: ZlibConfiguration.CompressionLevel = stored ? .noCompression : .defaultCompressionLevel
        // Compressing bytes in memory fails only when memory does.
        let compressed = try! buffer.compress(with: .gzip(configuration: .init(compressionLevel: level)))
        return Array(compressed.readableBytesView)
    }

    public static func text(_ text: String, stored: Bool = false) -> [UInt8] { bytes(Array(text.utf8), stored: stored) }
}
