/// A number written as a mantissa and a power of ten (`1.37E-01`, `3,20101E+15`, `-2.5e3`): how
/// spreadsheets and statistics programs write a number too small or too large for their column,
/// often with its last digits cut. Read so that the problem can say the number written out.
struct ScientificNotation {
    let isNegative: Bool
    /// The mantissa's digits without its separator (a dot, or the comma of a spreadsheet in Indonesian).
    let digits: [UInt8]
    /// How many of `digits` stand before the separator.
    let wholeDigits: Int
    let exponent: Int

    init?(_ text: String) {
        var bytes = Substring(text).utf8[...]
        isNegative = bytes.first == UInt8(ascii: "-")
        if isNegative || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let whole = bytes.prefix(while: SpreadsheetDamage.isDigit)
        bytes = bytes.dropFirst(whole.count)
        var fraction = bytes.prefix(0)
        if bytes.first == UInt8(ascii: ".") || bytes.first == UInt8(ascii: ",") {
            fraction = bytes.dropFirst().prefix(while: SpreadsheetDamage.isDigit)
            bytes = bytes.dropFirst(1 + fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty, bytes.popFirst().map({ $0 | 0x20 }) == UInt8(ascii: "e") else { return nil }
        let exponentIsNegative = bytes.first == UInt8(ascii: "-")
        if exponentIsNegative || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        // Three digits at most: every double's exponent, and no number a list holds needs more.
        guard (1...3).contains(bytes.count), bytes.allSatisfy(SpreadsheetDamage.isDigit),
              let magnitude = Int(String(decoding: bytes, as: UTF8.self)) else { return nil }
        exponent = exponentIsNegative ? -magnitude : magnitude
        digits = Array(whole) + Array(fraction)
        wholeDigits = whole.count
    }

    /// The same number with a dot and no exponent (`0.137` for `1.37E-01`), or nil when that
    /// takes more than `maximumLength` characters after its sign.
    func writtenOut(maximumLength: Int) -> String? {
        let point = wholeDigits + exponent
        let zero = UInt8(ascii: "0")
        let padded = [UInt8](repeating: zero, count: max(-point, 0)) + digits
            + [UInt8](repeating: zero, count: max(point - digits.count, 0))
        let pointAt = max(point, 0)
        let whole = padded[..<pointAt].drop { $0 == zero }
        let fraction = padded[pointAt...]
        var out = whole.isEmpty ? "0" : String(decoding: whole, as: UTF8.self)
        if !fraction.isEmpty { out += "." + String(decoding: fraction, as: UTF8.self) }
        guard out.utf8.count <= maximumLength else { return nil }
        return isNegative ? "-" + out : out
    }
}
