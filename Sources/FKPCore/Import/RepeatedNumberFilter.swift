/// The personal numbers of one column that may be on more than one row of a file, found while the
/// rows stream in, in a fixed 4 MB whatever the file's length: a blocked Bloom filter marks two bits
/// of one 64-bit word for each number seen (one memory access a number), and a number whose two
/// bits are marked already is a candidate. Every number on two rows is a candidate; about one in
/// two hundred others is too, at a million rows (the database then keeps the true ones). Asking the
/// database for the repeated numbers of a million rows costs 0.7 s a column (docs/benchmarks.md,
/// session 49).
public struct RepeatedNumberFilter: Sendable {
    private static let wordCount = 1 << 19
    /// Past this many candidates (a file of several million rows fills the bits), the filter tells
    /// nothing and the database is asked for the whole column.
    let mostCandidates: Int
    private var words: [UInt64] = []
    private var found = Set<UInt64>()
    private var overflowed = false

    public init(mostCandidates: Int = 100_000) {
        self.mostCandidates = mostCandidates
    }

    /// The candidates, as 16-digit texts; nil when there were too many to keep.
    public var candidates: [String]? {
        guard !overflowed else { return nil }
        return found.sorted().map { number in
            let digits = String(number)
            return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
        }
    }

    /// Notes `number`, 16 ASCII digits (anything else is passed over: the row is refused).
    public mutating func note(_ number: String) {
        guard !overflowed, let value = Self.value(of: number) else { return }
        if words.isEmpty { words = Array(repeating: 0, count: Self.wordCount) }
        // The word from the top bits of one multiplicative hash, the two bits in it from another's.
        let word = Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> 45)
        let positions = value &* 0xC2B2_AE3D_27D4_EB4F
        let bits: UInt64 = 1 << (positions >> 58) | 1 << ((positions >> 52) & 63)
        let seen = words[word] & bits == bits
        words[word] |= bits
        guard seen else { return }
        found.insert(value)
        if found.count > mostCandidates {
            overflowed = true
            found = []
            words = []
        }
    }

    private static func value(of number: String) -> UInt64? {
        guard number.utf8.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in number.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
