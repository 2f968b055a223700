/// Damage that no row shows on its own and a whole column does. A spreadsheet keeps 15 significant
/// digits of a number: a column of NIKs or family card numbers it took as numbers and saved written
/// out (`3201014501800000`, not `3.20101E+15`) keeps every number's length, only its last digit
/// having become 0. pandas, reading a column of whole numbers as decimals (one cell was empty), writes
/// every one with `.0`: a numeric family id `320100000061.0` is still an id's form. Counts one
/// column's values and those that show the sign; the column is damaged when all of them do and
/// there are enough to tell it from chance.
struct WholeColumnTally: Sendable {
    /// Fewer values than this all showing the sign could be chance.
    let fewest: Int
    private(set) var values = 0
    private(set) var showingSign = 0
    private(set) var firstLine: Int?

    init(fewest: Int) { self.fewest = fewest }

    mutating func count(line: Int, showsSign: Bool) {
        values += 1
        guard showsSign else { return }
        showingSign += 1
        if firstLine == nil { firstLine = line }
    }

    var isDamaged: Bool { values >= fewest && showingSign == values }

    /// 16 digits or more, the last one 0: what a spreadsheet writes for any number past 15 digits.
    /// Personal numbers end in a four-digit serial number, so one in ten ends in 0 and ten in a row
    /// by chance is one list in ten billion.
    static func looksRounded(_ text: String) -> Bool {
        let bytes = text.utf8
        return bytes.count >= 16 && bytes.last == UInt8(ascii: "0") && bytes.allSatisfy(SpreadsheetDamage.isDigit)
    }

    /// Digits, then `.0`: a whole number as pandas writes a decimal (`SpreadsheetDamage`'s rule, with
    /// the one zero pandas writes).
    static func looksWrittenAsDecimal(_ text: String) -> Bool {
        text.utf8.suffix(2).elementsEqual(".0".utf8) && SpreadsheetDamage.isWholeNumberAsDecimal(text) { $0.utf8.allSatisfy(SpreadsheetDamage.isDigit) }
    }
}
