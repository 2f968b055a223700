/// A spreadsheet keeps 15 significant digits of a number. A column of 16-digit numbers (NIKs, family
/// card numbers) that it took as numbers and saved written out in full, `3201014501800000` rather
/// than `3.20101E+15`, still looks right row by row: every number keeps its length, and only its
/// last digit has become 0. No row is wrong on its own; the column is. Their last four digits are a
/// serial number, so one in ten ends in 0; every one of ten or more is the spreadsheet's doing, not
/// chance (one in ten billion).
struct SpreadsheetRoundedColumn: Sendable {
    /// Fewer numbers than this all ending in 0 could be chance.
    static let fewestNumbers = 10

    private(set) var values = 0
    private(set) var roundedLooking = 0
    private(set) var firstLine: Int?

    /// Counts one row's value of the column.
    mutating func count(_ text: String, line: Int) {
        values += 1
        let bytes = text.utf8
        // 16 digits or more, the last one 0: what a spreadsheet writes for any number past 15 digits.
        guard bytes.count >= 16, bytes.last == UInt8(ascii: "0"),
              bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return }
        roundedLooking += 1
        if firstLine == nil { firstLine = line }
    }

    /// Every value counted is a long number ending in 0, and there are enough of them to tell.
    var isRounded: Bool { values >= Self.fewestNumbers && roundedLooking == values }
}
