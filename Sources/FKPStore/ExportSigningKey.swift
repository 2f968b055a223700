import Crypto
import Foundation

/// The server's Ed25519 key that signs audit export manifests, kept in a file readable only by
/// the server's user (FKP_EXPORT_KEY_FILE). Created on first use; rotating it is replacing the file
/// and publishing the new public key (docs/audit.md).
public struct ExportSigningKey: Sendable {
    /// The raw 32 bytes (the key type itself is not Sendable).
    private let raw: Data

    public init(privateKey: Curve25519.Signing.PrivateKey) { raw = privateKey.rawRepresentation }

    public var privateKey: Curve25519.Signing.PrivateKey {
        // The bytes came from a valid key, so this cannot fail.
        try! Curve25519.Signing.PrivateKey(rawRepresentation: raw)
    }

    /// Base64 of the raw 32-byte public key, as `/audit/public-key` and `fkp audit public-key` print it.
    public var publicKey: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    public struct Unreadable: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "the export signing key \(path) cannot be read, or is not a base64 Ed25519 key (FKP_EXPORT_KEY_FILE)" }
    }

    /// Reads the key at `path`, or creates one there (mode 0600) when there is no file.
    public static func loadOrCreate(at path: String) throws -> ExportSigningKey {
        if FileManager.default.fileExists(atPath: path) { return try load(from: path) }
        let key = Curve25519.Signing.PrivateKey()
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        // Linked under its name only if nobody else made one meanwhile: two processes starting at
        // once end up with the same key, not one each.
        let made: Bool
        do {
            made = try PrivateFile.write(Data((key.rawRepresentation.base64EncodedString() + "\n").utf8), to: path, replacing: false)
        } catch let failure as PrivateFile.Unwritable {
            throw Uncreatable(path: path, reason: failure.reason)
        }
        return made ? ExportSigningKey(privateKey: key) : try load(from: path)
    }

    private static func load(from path: String) throws -> ExportSigningKey {
        guard let data = FileManager.default.contents(atPath: path) else { throw Unreadable(path: path) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: text), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw Unreadable(path: path)
        }
        return ExportSigningKey(privateKey: key)
    }

    public struct Uncreatable: Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot create the export signing key \(path) (FKP_EXPORT_KEY_FILE): \(reason)" }
    }
}
