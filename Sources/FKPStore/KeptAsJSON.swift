import Foundation

/// What a batch row keeps as a JSON document (`places_changed`, `numbers_shared`), written with its
/// keys sorted, so that the batch's audit entry holds one text for one content.
protocol KeptAsJSON: Codable {}

extension KeptAsJSON {
    /// As stored with the batch.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// As read back from the batch.
    init(json: String) throws {
        self = try JSONDecoder().decode(Self.self, from: Data(json.utf8))
    }
}
