extension ImportProblem.Kind {
    /// What is wrong with a name or an address, which must be one line of plain text: a formula or
    /// a formula's error value (`#N/A` is no name), HTML character references, a character lost
    /// (`?`, `�`), quotes CSV does not read as quotes around it (`'Ma''ruf'`, `“Budi”`), letters
    /// garbled by Windows text (named before invisible characters: their own bytes may read as
    /// control characters), or a character that prints as nothing. Printable ASCII without `&`, `?`
    /// or `'`, what nearly every value is, is answered after one pass over its bytes.
    public static func oneLineTextProblem(_ text: String, in kind: OneLineText) -> ImportProblem.Kind? {
        if startsAsFormula(text) { return .startsAsFormula(in: kind) }
        if SpreadsheetDamage.isErrorValue(text) { return .spreadsheetError }
        // An address of a dash is a missing street, as lists write it; a name of one is no name.
        if kind == .name, SpreadsheetDamage.isPlaceholder(text) { return .placeholderForMissing }
        if kind == .name, SpreadsheetDamage.missingValueMarksNoNameIs.contains(text) { return .missingValueMark }
        if kind == .name, SpreadsheetDamage.saysNotKnown(text) { return .nameNotKnown }
        var printableASCII = true, marks = false
        for byte in text.utf8 {
            if byte < 0x20 || byte >= 0x7F { printableASCII = false }
            if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "'") { marks = true }
        }
        if marks, let meant = HTMLEntities.decoded(text) { return .htmlEntities(meant: meant) }
        if marks, LostCharacters.questionMarkForLetter(text, in: kind) { return .questionMarkForCharacter }
        if marks, OtherQuotes.holdsDoubledApostrophe(text) { return .inOtherQuotes(single: true) }
        if printableASCII { return nil }
        if OtherQuotes.isInCurlyDoubleQuotes(text) { return .inOtherQuotes(single: false) }
        if text.unicodeScalars.contains(LostCharacters.replacement) { return .replacementCharacter }
        if let meant = TextEncodedTwice.meant(text) { return .encodedTwice(meant: meant) }
        return text.firstInvisibleCharacter.map { .invisibleCharacter($0, in: kind) }
    }

    /// What a spreadsheet opening the list would take for a formula and run (`=HYPERLINK(...)`,
    /// `@SUM(...)`, `-2+cmd|' /C calc'!A0`): the lists are exported byte for byte, so such a text is
    /// refused on its way in rather than made harmless on its way out. A dash is what lists write
    /// for a missing street (`- RT 01/RW 02`, `- (menumpang)`): one starts a formula only with what
    /// running something needs, a function called (a name right before its parenthesis) or a
    /// reference's `!` or `|`.
    static func startsAsFormula(_ text: String) -> Bool {
        let bytes = text.utf8
        switch bytes.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"):
            return true
        case UInt8(ascii: "-"):
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == UInt8(ascii: "!") || byte == UInt8(ascii: "|") { return true }
                if byte == UInt8(ascii: "("), isNameByte(previous) { return true }
                previous = byte
            }
            return false
        default:
            return false
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
}
