import Crypto

/// An entry's hash, or the previous hash it names, as a verifier compares them: the 32 bytes that
/// its 64 lower-case hex digits spell, held as a value (a verification compares two per entry, a
/// million entries a run; as strings each was a heap allocation). Any other text, which only a
/// forgery or a damaged file holds, is kept as it is, so that two hashes are equal exactly when
/// their texts are.
public enum ChainHash: Hashable, Sendable, CustomStringConvertible {
    case sha256(SIMD32<UInt8>)
    case other(String)

    /// The previous hash of a chain's first entry.
    public static let genesis = ChainHash(AuditHashing.genesisHash)

    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { ChainHash($0) }
    }

    public init(_ text: UnsafeBufferPointer<UInt8>) {
        self = Self.digest(spelledBy: text).map(ChainHash.sha256) ?? .other(String(decoding: text, as: UTF8.self))
    }

    /// The hash computed of an entry's canonical text.
    public init(_ digest: SHA256Digest) {
        var bytes = SIMD32<UInt8>()
        digest.withUnsafeBytes { raw in withUnsafeMutableBytes(of: &bytes) { $0.copyMemory(from: raw) } }
        self = .sha256(bytes)
    }

    /// The hash as it is written: 64 lower-case hex digits, or the other text.
    public var description: String {
        switch self {
        case .sha256(let bytes): AuditHashing.hex((0..<32).map { bytes[$0] })
        case .other(let text): text
        }
    }

    /// The 32 bytes `text` spells in lower-case hex, if it is exactly that. Written through a
    /// pointer and without a branch per digit (a SIMD vector's lanes set one by one, and a digit
    /// read as an optional, each cost a tenth of a verification).
    private static func digest(spelledBy text: UnsafeBufferPointer<UInt8>) -> SIMD32<UInt8>? {
        guard text.count == 64 else { return nil }
        var bytes = SIMD32<UInt8>()
        var invalid: UInt8 = 0
        withUnsafeMutableBytes(of: &bytes) { out in
            for index in 0..<32 {
                let high = nibble(text[2 * index]), low = nibble(text[2 * index + 1])
                invalid |= (high | low) & 0xf0
                out[index] = high << 4 | low & 0x0f
            }
        }
        return invalid == 0 ? bytes : nil
    }

    /// The value of a lower-case hex digit, or 0xff for any other byte.
    @inline(__always)
    private static func nibble(_ byte: UInt8) -> UInt8 {
        let digit = byte &- UInt8(ascii: "0"), letter = byte &- UInt8(ascii: "a")
        return digit < 10 ? digit : letter < 6 ? letter &+ 10 : 0xff
    }
}
