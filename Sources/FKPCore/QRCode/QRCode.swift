/// A QR code (ISO/IEC 18004) of some bytes, at error correction level M, versions 1 to 10 (up to
/// 213 bytes): printed on an invitation, a phone's camera opens the address without typing it.
public struct QRCode: Sendable, Equatable {
    /// 21 to 57 modules a side.
    public let size: Int
    /// Dark modules, by row then column, without the quiet zone around them.
    public let modules: [[Bool]]
    public let version: Int
    public let mask: Int

    /// Per version (index 1...10) at level M: the blocks' count and data codewords in each (the
    /// second group has one more), and error correction codewords per block.
    static let blocks: [(first: Int, firstData: Int, second: Int, ecPerBlock: Int)] = [
        (0, 0, 0, 0), (1, 16, 0, 10), (1, 28, 0, 16), (1, 44, 0, 26), (2, 32, 0, 18), (2, 43, 0, 24),
        (4, 27, 0, 16), (4, 31, 0, 18), (2, 38, 2, 22), (3, 36, 2, 22), (4, 43, 1, 26),
    ]
    /// Alignment patterns' centres per version.
    static let alignment: [[Int]] = [[], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50]]

    /// Nil when the bytes do not fit version 10. `mask` forces one of the eight masks (for tests);
    /// otherwise the one the standard's penalty rules prefer.
    public init?(bytes: [UInt8], mask forced: Int? = nil) {
        guard let version = (1...10).first(where: { Self.dataCapacity($0) * 8 >= 4 + Self.countBits($0) + bytes.count * 8 }) else {
            return nil
        }
        var symbol = Symbol(version: version)
        symbol.place(Self.codewords(bytes, version: version))
        let penalties = forced == nil ? (0..<8).map { symbol.masked($0).penalty } : []
        let mask = forced ?? penalties.indices.min { penalties[$0] < penalties[$1] }!
        let chosen = symbol.masked(mask)
        self.version = version
        self.mask = mask
        size = chosen.size
        modules = chosen.modules
    }

    static func countBits(_ version: Int) -> Int { version < 10 ? 8 : 16 }

    static func dataCapacity(_ version: Int) -> Int {
        let b = blocks[version]
        return b.first * b.firstData + b.second * (b.firstData + 1)
    }

    /// The bytes in byte mode, padded, split in blocks with their error correction, interleaved.
    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        var bits: [Bool] = []
        func append(_ value: Int, _ count: Int) { for i in (0..<count).reversed() { bits.append((value >> i) & 1 == 1) } }
        append(0b0100, 4)
        append(bytes.count, countBits(version))
        for byte in bytes { append(Int(byte), 8) }
        let capacity = dataCapacity(version) * 8
        append(0, min(4, capacity - bits.count))
        append(0, (8 - bits.count % 8) % 8)
        var data = stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { $0 << 1 | ($1 ? 1 : 0) }
        }
        for pad in 0..<(capacity / 8 - data.count) { data.append(pad % 2 == 0 ? 0xEC : 0x11) }

        let b = blocks[version]
        let divisor = ReedSolomon.divisor(degree: b.ecPerBlock)
        var split: [[UInt8]] = []
        var start = 0
        for index in 0..<(b.first + b.second) {
            let length = b.firstData + (index < b.first ? 0 : 1)
            split.append(Array(data[start..<start + length]))
            start += length
        }
        let corrections = split.map { ReedSolomon.remainder($0, divisor: divisor) }
        var result: [UInt8] = []
        for i in 0...b.firstData {
            for block in split where i < block.count { result.append(block[i]) }
        }
        for i in 0..<b.ecPerBlock {
            for correction in corrections { result.append(correction[i]) }
        }
        return result
    }
}
