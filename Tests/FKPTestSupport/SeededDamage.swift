import FKPCore

extension SeededRandom {
    /// `bytes` damaged as files and requests are on their way: a few bytes changed, the format's
    /// own `words` dropped in, runs removed or doubled, or the whole cut short, each a seeded number
    /// of times within `damages`.
    public mutating func damaged(_ bytes: [UInt8], words: [[UInt8]], damages: ClosedRange<Int>, longestRemoval: Int,
                                 longestDoubling: Int) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<int(damages) {
            let at = int(0...bytes.count)
            switch int(0...4) {
            case 0 where at < bytes.count: bytes[at] = UInt8(truncatingIfNeeded: next())
            case 1: bytes.insert(contentsOf: pick(words), at: at)
            case 2: bytes.removeSubrange(at..<min(at + int(1...longestRemoval), bytes.count))
            case 3 where at < bytes.count: bytes.insert(contentsOf: bytes[at..<min(at + int(1...longestDoubling), bytes.count)], at: at)
            default: bytes = Array(bytes.prefix(at))
            }
        }
        return bytes
    }
}
