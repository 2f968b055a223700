extension ImportProblem.Kind {
    /// What is wrong with a name or an address, which must be one line of plain text: letters garbled
    /// by Windows text (named first: their own bytes may read as control characters), or a character
    /// that prints as nothing. Nil for printable ASCII, what nearly every value is, from its bytes alone.
    public static func oneLineTextProblem(_ text: String, in kind: OneLineText) -> ImportProblem.Kind? {
        if startsAsFormula(text) { return .startsAsFormula(in: kind) }
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        if let meant = TextEncodedTwice.meant(text) { return .encodedTwice(meant: meant) }
        return text.firstInvisibleCharacter.map { .invisibleCharacter($0, in: kind) }
    }

    /// What a spreadsheet opening the list would take for a formula and run (`=HYPERLINK(...)`,
    /// `@SUM(...)`, `-2+cmd|' /C calc'!A0`): the lists are exported byte for byte, so such a text is
    /// refused on its way in rather than made harmless on its way out. A dash is what lists write
    /// for a missing street (`- RT 01/RW 02`): one starts a formula only with what running
    /// something needs, a function's parenthesis or a reference's `!` or `|`.
    static func startsAsFormula(_ text: String) -> Bool {
        switch text.utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"): true
        case UInt8(ascii: "-"): text.utf8.contains { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "|") }
        default: false
        }
    }
}
