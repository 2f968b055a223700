/// Scores that a spreadsheet set to Indonesian read as thousands. There a dot separates thousands,
/// so a list opened in it by a double click has its `1.502` read as 1502, and saved so, while
/// `0.2891` (not three digits after the dot) stays text and is saved as it was: the list then mixes
/// scores with decimals and a few whole numbers a thousand times too large, each of which would rank
/// its family among the richest of its unit. A whole number is taken for such a score when the list gives
/// ten scores or more with a decimal dot, more of them than whole numbers of this kind, the number is
/// more than ten times the highest of them, and its thousandth lies among them.
struct ScoresReadAsThousands: Sendable {
    static let fewestDecimals = 10
    /// Whole numbers kept before there are as many of them as scores with decimals: a list of
    /// whole-number scores is no list of this damage, and is not kept in memory.
    static let keptBeforeDecimals = 1000
    private var decimals = 0
    private var lowest: (value: Double, text: String)?, highest: (value: Double, text: String)?
    private var wholeNumbers: [(line: Int, text: String, value: Int)] = []
    private var manyWholeNumbers = false

    /// Counts a row's score, `value` being `text` read as a number.
    mutating func count(line: Int, text: String, value: Double) {
        if text.utf8.contains(UInt8(ascii: ".")) {
            decimals += 1
            if value < lowest?.value ?? .infinity { lowest = (value, text) }
            if value > highest?.value ?? -.infinity { highest = (value, text) }
        } else if !manyWholeNumbers, let whole = Int(text), whole > 0, text.utf8.allSatisfy(SpreadsheetDamage.isDigit) {
            wholeNumbers.append((line, text, whole))
            if wholeNumbers.count > Self.keptBeforeDecimals, wholeNumbers.count > decimals {
                manyWholeNumbers = true
                wholeNumbers = []
            }
        }
    }

    /// Each score read as thousands, at its line and as written, with what was meant (three decimals,
    /// as the spreadsheet found it) and the range of the list's scores with decimals.
    var problems: [(line: Int, written: String, meant: String, lowest: String, highest: String)] {
        guard !manyWholeNumbers, decimals >= Self.fewestDecimals, wholeNumbers.count < decimals,
              let lowest, let highest else { return [] }
        return wholeNumbers.compactMap { line, written, whole in
            let thousandth = Double(whole) / 1000
            guard Double(whole) > 10 * highest.value, (lowest.value...highest.value).contains(thousandth) else { return nil }
            return (line, written, Self.thousandth(of: whole), lowest.text, highest.text)
        }
    }

    /// `whole` divided by 1000, written with its three decimals: 1502 is 1.502, 50 is 0.050.
    static func thousandth(of whole: Int) -> String {
        let decimals = String(whole % 1000)
        return "\(whole / 1000)." + String(repeating: "0", count: 3 - decimals.count) + decimals
    }
}
