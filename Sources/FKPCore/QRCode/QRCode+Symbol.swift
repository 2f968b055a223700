extension QRCode {
    /// The module grid being built: function patterns, then the data, then a mask and the format
    /// information that names it.
    struct Symbol {
        let version: Int
        let size: Int
        var modules: [[Bool]]
        /// Modules of finder, timing and alignment patterns and format and version information,
        /// which data and masks leave alone.
        var isFunction: [[Bool]]

        init(version: Int) {
            self.version = version
            size = 17 + 4 * version
            modules = Array(repeating: Array(repeating: false, count: size), count: size)
            isFunction = modules
            drawFunctionPatterns()
        }

        mutating func set(x: Int, y: Int, _ dark: Bool) {
            modules[y][x] = dark
            isFunction[y][x] = true
        }

        mutating func drawFunctionPatterns() {
            for i in 0..<size {
                set(x: 6, y: i, i % 2 == 0)
                set(x: i, y: 6, i % 2 == 0)
            }
            for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] { drawFinder(x: x, y: y) }
            let centres = QRCode.alignment[version]
            for (i, cy) in centres.enumerated() {
                for (j, cx) in centres.enumerated() {
                    let onFinder = (i == 0 && j == 0) || (i == 0 && j == centres.count - 1) || (i == centres.count - 1 && j == 0)
                    if !onFinder { drawAlignment(x: cx, y: cy) }
                }
            }
            drawFormat(mask: 0)  // reserves the format areas; drawn again once the mask is chosen
            drawVersion()
        }

        /// A finder pattern centred on (x, y), with its light separator, clipped to the symbol.
        mutating func drawFinder(x: Int, y: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let (px, py) = (x + dx, y + dy)
                    guard (0..<size).contains(px), (0..<size).contains(py) else { continue }
                    let distance = max(abs(dx), abs(dy))
                    set(x: px, y: py, distance != 2 && distance != 4)
                }
            }
        }

        mutating func drawAlignment(x: Int, y: Int) {
            for dy in -2...2 {
                for dx in -2...2 { set(x: x + dx, y: y + dy, max(abs(dx), abs(dy)) != 1) }
            }
        }

        /// Level M (bits 00) and the mask, with their BCH code, in both copies, and the dark module.
        mutating func drawFormat(mask: Int) {
            let data = mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = (data << 10 | remainder) ^ 0x5412
            func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }
            for i in 0...5 { set(x: 8, y: i, bit(i)) }
            set(x: 8, y: 7, bit(6))
            set(x: 8, y: 8, bit(7))
            set(x: 7, y: 8, bit(8))
            for i in 9..<15 { set(x: 14 - i, y: 8, bit(i)) }
            for i in 0..<8 { set(x: size - 1 - i, y: 8, bit(i)) }
            for i in 8..<15 { set(x: 8, y: size - 15 + i, bit(i)) }
            set(x: 8, y: size - 8, true)
        }

        /// From version 7: the version and its BCH code, in two 6 by 3 blocks.
        mutating func drawVersion() {
            guard version >= 7 else { return }
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = version << 12 | remainder
            for i in 0..<18 {
                let dark = (bits >> i) & 1 == 1
                let (a, b) = (size - 11 + i % 3, i / 3)
                set(x: a, y: b, dark)
                set(x: b, y: a, dark)
            }
        }

        /// The codewords' bits in the standard's zigzag, two columns at a time from the bottom right.
        mutating func place(_ codewords: [UInt8]) {
            var i = 0
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for j in 0..<2 {
                        let x = right - j
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        if !isFunction[y][x] && i < codewords.count * 8 {
                            modules[y][x] = (codewords[i >> 3] >> (7 - (i & 7))) & 1 == 1
                            i += 1
                        }
                    }
                }
                right -= 2
            }
        }

        /// A copy with mask `mask` applied to the data and named in the format information.
        func masked(_ mask: Int) -> Symbol {
            var copy = self
            for y in 0..<size {
                for x in 0..<size where !isFunction[y][x] {
                    let invert = switch mask {
                    case 0: (x + y) % 2 == 0
                    case 1: y % 2 == 0
                    case 2: x % 3 == 0
                    case 3: (x + y) % 3 == 0
                    case 4: (x / 3 + y / 2) % 2 == 0
                    case 5: x * y % 2 + x * y % 3 == 0
                    case 6: (x * y % 2 + x * y % 3) % 2 == 0
                    default: ((x + y) % 2 + x * y % 3) % 2 == 0
                    }
                    if invert { copy.modules[y][x].toggle() }
                }
            }
            copy.drawFormat(mask: mask)
            return copy
        }
    }
}
