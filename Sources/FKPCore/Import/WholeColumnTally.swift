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
    /// The share of the values that must show it: all (1), or most, for a sign that some damaged values lack.
    let share: Double
    private(set) var values = 0
    private(set) var showingSign = 0
    private(set) var firstLine: Int?

    init(fewest: Int, share: Double = 1) {
        self.fewest = fewest
        self.share = share
    }

    mutating func count(line: Int, showsSign: Bool) {
        values += 1
        guard showsSign else { return }
        showingSign += 1
        if firstLine == nil { firstLine = line }
    }

    var isDamaged: Bool {
        values >= fewest && (share >= 1 ? showingSign == values : Double(showingSign) >= share * Double(values))
    }

    /// 16 digits or more, the last one 0: what a spreadsheet writes for any number past 15 digits.
    /// Personal numbers end in a four-digit serial number, so one in ten ends in 0 and ten in a row
    /// by chance is one list in ten billion.
    static func looksRounded(_ text: String) -> Bool {
        let bytes = text.utf8
        return bytes.count >= 16 && bytes.last == UInt8(ascii: "0") && bytes.allSatisfy(SpreadsheetDamage.isDigit)
    }

    /// A head's name that reads as an address: a digit (a house number, an RT's), or a first word
    /// that begins addresses (`Jl.`, `Kp.`, `Gg.`, `RT`, `Dusun`...). No name has either; most
    /// addresses do, so a column of them under head_name shows it on most rows (not all: some
    /// addresses are a place's name alone).
    static func looksLikeAddress(_ name: String) -> Bool {
        if name.utf8.contains(where: SpreadsheetDamage.isDigit) { return true }
        let firstWord = name.utf8.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ".") }
        // Compared byte by byte, in either case (ASCII letters differ by 0x20): asked of every row, it allocates nothing.
        return addressWords.contains { word in
            word.count == firstWord.count && zip(word, firstWord).allSatisfy { $0 == $1 | 0x20 }
        }
    }

    private static let addressWords: [[UInt8]] = [
        "jl", "jln", "jalan", "kp", "kmp", "kampung", "gg", "gang", "dusun", "dsn", "rt", "rw", "blok", "perum", "perumahan",
        "komp", "komplek", "kompleks", "lingkungan", "lingk", "lk",
    ].map { Array($0.utf8) }

    /// Digits, then `.0`: a whole number as pandas writes a decimal (`SpreadsheetDamage`'s rule, with
    /// the one zero pandas writes).
    static func looksWrittenAsDecimal(_ text: String) -> Bool {
        text.utf8.suffix(2).elementsEqual(".0".utf8) && SpreadsheetDamage.isWholeNumberAsDecimal(text) { $0.utf8.allSatisfy(SpreadsheetDamage.isDigit) }
    }
}
