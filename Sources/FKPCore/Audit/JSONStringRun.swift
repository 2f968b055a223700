/// Runs of a JSON string's bytes that need no escape, found and copied eight bytes at a time. The
/// row images of audit entries are JSON inside JSON, with a quote every few bytes, and a million
/// entries are written or read per export: byte by byte, this was most of the work.
public enum JSONStringRun {
    /// Copies `source` from `i` to `target` from `o` up to the next quote or backslash, or (when
    /// `controls`) byte below 0x20 — the bytes a JSON string escapes — leaving `i` on it or at the
    /// end. Up to eight bytes past the run's end are written to `target`.
    @inlinable @inline(__always)
    public static func copy(_ source: UnsafeBufferPointer<UInt8>, _ i: inout Int, to target: UnsafeMutableRawPointer, _ o: inout Int,
                            controls: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
        let quotes = ones &* 0x22, backslashes = ones &* 0x5C, spaces = ones &* 0x20
        guard let base = source.baseAddress else { return }
        while source.count - i >= 8 {
            let raw = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            (target + o).storeBytes(of: raw, as: UInt64.self)
            let word = UInt64(littleEndian: raw)  // the first byte lowest
            // A byte of the word is zero where subtracting one from it borrows into its high bit;
            // the lowest byte found is always a real one.
            let q = word ^ quotes, b = word ^ backslashes
            var found = (q &- ones) & ~q | (b &- ones) & ~b
            if controls { found |= (word &- spaces) & ~word }  // a byte below 0x20 borrows too
            found &= highBits
            guard found == 0 else {
                let count = found.trailingZeroBitCount / 8
                i += count
                o += count
                return
            }
            i += 8
            o += 8
        }
        while i < source.count, source[i] != 0x22, source[i] != 0x5C, !controls || source[i] >= 0x20 {
            target.storeBytes(of: source[i], toByteOffset: o, as: UInt8.self)
            i += 1
            o += 1
        }
    }
}
