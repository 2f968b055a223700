import Foundation
import NIOConcurrencyHelpers

/// Session payloads already decoded, by their bytes. A browser's payload stays the same between
/// its minute refreshes, and decoding the JSON again at each request was a tenth of the work of
/// serving a kept review page. The same bytes always decode to the same value, so a value found
/// here is the one decoding would give. Bounded: when full it starts again empty.
final class DecodedSessionPayloads: Sendable {
    private struct Key: Hashable {
        let type: ObjectIdentifier
        let payload: Data
    }

    private let capacity: Int
    private let decoded = NIOLockedValueBox<[Key: any Sendable]>([:])

    init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// `payload` decoded as `Object`, or nil when it is not one.
    func decode<Object: Decodable & Sendable>(_: Object.Type, from payload: Data) -> Object? {
        let key = Key(type: ObjectIdentifier(Object.self), payload: payload)
        if let found = decoded.withLockedValue({ $0[key] }) { return found as? Object }
        guard let value = try? JSONDecoder().decode(Object.self, from: payload) else { return nil }
        decoded.withLockedValue { values in
            if values.count >= capacity { values.removeAll(keepingCapacity: true) }
            values[key] = value
        }
        return value
    }

    /// Payloads kept now (for the tests).
    var count: Int { decoded.withLockedValue { $0.count } }
}
