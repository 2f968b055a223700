extension QRCode.Symbol {
    /// The standard's penalty for a masked symbol (lower is easier to read): runs of five or more
    /// modules of one colour, 2 by 2 blocks of one colour, patterns that look like a finder, and a
    /// share of dark modules away from half.
    var penalty: Int {
        var score = 0
        let columns = (0..<size).map { x in (0..<size).map { y in modules[y][x] } }
        for line in modules + columns {
            var run = 1
            for i in 1...line.count {
                if i < line.count && line[i] == line[i - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += 3 + run - 5 }
                    run = 1
                }
            }
            let finderLike: [[Bool]] = [[true, false, true, true, true, false, true, false, false, false, false],
                                        [false, false, false, false, true, false, true, true, true, false, true]]
            if line.count >= 11 {
                for start in 0...(line.count - 11) where finderLike.contains(where: { $0[...].elementsEqual(line[start..<start + 11]) }) {
                    score += 40
                }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = modules[y][x]
                if modules[y][x + 1] == colour && modules[y + 1][x] == colour && modules[y + 1][x + 1] == colour { score += 3 }
            }
        }
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        score += 10 * (abs(dark * 100 / (size * size) - 50) / 5)
        return score
    }
}
