/// What a spreadsheet program does to a column of long numbers when it takes them as numbers,
/// the commonest way a list prepared in Excel or LibreOffice arrives broken: a NIK, family card
/// number, SLS code or numeric family id shown and saved as `3.20101E+15` (its last digits lost),
/// or typed with the apostrophe that marks a cell as text; and a number typed in groups, as it is
/// read aloud or off a card (`3201 0145 0180 0001`). Said as such, so that the person fixes the
/// column instead of retyping one number.
enum SpreadsheetDamage {
    /// The problem to report for `text`, which its column refused, when a spreadsheet explains it;
    /// nil otherwise. `isValid` is the column's own rule, for the text without its apostrophe or
    /// its groups' separators.
    static func kind(of text: String, isValid: (String) -> Bool) -> ImportProblem.Kind? {
        if isScientificNotation(text) { return .spreadsheetNumber }
        if isWholeNumberAsDecimal(text, isValid: isValid) { return .wholeNumberAsDecimal }
        if text.first == "'", isValid(String(text.dropFirst())) { return .spreadsheetTextMark }
        // Not written out: the column may hold a personal number, which messages show masked.
        if let plain = PlainDigits.writtenOut(text), isValid(plain) { return .notPlainCharacters(writtenOut: nil) }
        let ungrouped = String(text.unicodeScalars.filter { !groupSeparators.contains($0) })
        if ungrouped.count < text.count, ungrouped.utf8.allSatisfy(isDigit), isValid(ungrouped) { return .digitsInGroups }
        return nil
    }

    /// What to report for a value its column refused: a formula's error value or a program's mark
    /// for a missing value, whatever the column's rule, is named as such; otherwise `problem`.
    static func problem(of refused: String, otherwise problem: ImportProblem.Kind) -> ImportProblem.Kind {
        if isErrorValue(refused) { return .spreadsheetError }
        if missingValueMarks.contains(refused) { return .missingValueMark }
        if isPlaceholder(refused) { return .placeholderForMissing }
        if isCalendarStart(refused) { return .numberShownAsDate }
        if isTooNarrowMark(refused) { return .cellTooNarrow }
        return problem
    }

    /// `####`: what a spreadsheet shows in a cell too narrow for its number or date, and writes into
    /// a CSV file in its place, as it saves each cell as shown. Two marks or more: one could be typed.
    static func isTooNarrowMark(_ text: String) -> Bool {
        text.utf8.count >= 2 && text.utf8.allSatisfy { $0 == UInt8(ascii: "#") }
    }

    /// A date at the start of a spreadsheet's calendar (`05/01/1900`, `1900-01-05`, `5-Jan-1900`,
    /// with a time or not; `5-Jan` without its year): a small number in a cell formatted as a date, which a spreadsheet
    /// shows as that many days from its calendar's first (Excel's and LibreOffice's differ by a
    /// day, so the number is not said). Named where a number was refused.
    static func isCalendarStart(_ text: String) -> Bool {
        guard text.utf8.count <= 30 else { return false }
        let parts = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        if parts.count == 2 {
            // `4-Jan`, `Jan-4`: a format of day and month alone, which hides the year.
            let isDay = { (part: Substring) in part.count <= 2 && part.utf8.allSatisfy(isDigit) && (1...31).contains(Int(part) ?? 0) }
            let isMonth = { (part: Substring) in monthNames.contains(part.lowercased()) }
            return (isDay(parts[0]) && isMonth(parts[1])) || (isMonth(parts[0]) && isDay(parts[1]))
        }
        guard (3...7).contains(parts.count), parts.filter({ $0 == "1900" || $0 == "1899" }).count == 1 else { return false }
        return parts.allSatisfy { part in
            part == "1900" || part == "1899" || (part.count <= 2 && part.utf8.allSatisfy(isDigit))
                || monthsAndHalves.contains(String(part.prefix(3)).lowercased())
        }
    }

    /// A month's name, whole or cut to three letters, in English or Indonesian: alone beside a day, a
    /// word only beginning as one (`Desil 3`, a decile) is no date.
    private static let monthNames: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "mei", "jun", "jul", "aug", "agu", "agt", "sep", "sept", "oct", "okt", "nov", "dec", "des",
        "january", "januari", "february", "februari", "march", "maret", "april", "june", "juni", "july", "juli", "august", "agustus",
        "september", "october", "oktober", "november", "december", "desember",
    ]

    /// A month's name begins with one of these, in English or Indonesian; and a time's AM or PM.
    private static let monthsAndHalves: Set<String> = [
        "jan", "feb", "mar", "apr", "may", "mei", "jun", "jul", "aug", "agu", "sep", "oct", "okt", "nov", "dec", "des", "am", "pm",
    ]

    /// `-`, `--`, `.`, `?`: what people type into a cell whose value they do not know. Asked of
    /// every name (a name of dashes passes every other rule), so its first byte decides at once.
    static func isPlaceholder(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, bytes.count <= 9,
              first == UInt8(ascii: "-") || first == UInt8(ascii: ".") || first == UInt8(ascii: "?") || first == 0xE2 else { return false }
        return text.count <= 3 && text.allSatisfy { "-–—.?".contains($0) }
    }

    /// How programs write a value that is missing: R's `NA`, pandas' and NumPy's `NaN`, Python's
    /// `None`, a database's `NULL` (MySQL's exports `\N`), `N/A` typed by hand. Named where the
    /// column refuses them; a name is refused only the marks no one is called (`Nan` may be a name).
    private static let missingValueMarks: Set<String> = ["NA", "N/A", "n/a", "NaN", "nan", "NULL", "null", "None", "<NA>", "\\N"]
    static let missingValueMarksNoNameIs: Set<String> = ["N/A", "n/a", "NaN", "NULL", "null", "<NA>", "\\N"]

    /// Words saying a name is not known, as lists write them in Indonesian (in any case): no name.
    static func saysNotKnown(_ text: String) -> Bool {
        // Asked of every name: the first letter (t or b, in either case) decides at once for nearly all.
        guard text.utf8.count <= 20, let first = text.utf8.first.map({ $0 | 0x20 }), first == UInt8(ascii: "t") || first == UInt8(ascii: "b") else {
            return false
        }
        return notKnownWords.contains(text.lowercased().split(separator: " ").joined(separator: " "))
    }

    private static let notKnownWords: Set<String> = [
        "tidak diketahui", "tdk diketahui", "tidak ada", "tdk ada", "tidak ada nama", "tanpa nama", "tidak tahu", "belum ada", "belum diketahui",
    ]

    /// A spreadsheet's error value where a formula failed (`#N/A`: a lookup that found nothing;
    /// `#REF!`, `#VALUE!`, `#DIV/0!`, `#NAME?`, in any language's words: `#NILAI!`; LibreOffice's
    /// `Err:502`): saved into the file as if it were the cell's value.
    static func isErrorValue(_ text: String) -> Bool {
        let bytes = text.utf8
        switch bytes.first {
        case UInt8(ascii: "#"):
            if text == "#N/A" { return true }
            guard bytes.count >= 3, let last = bytes.last, last == UInt8(ascii: "!") || last == UInt8(ascii: "?") else { return false }
            return bytes.dropFirst().dropLast().allSatisfy {
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || isDigit($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "_")
            }
        case UInt8(ascii: "E"):
            return bytes.count == 7 && text.hasPrefix("Err:") && bytes.dropFirst(4).allSatisfy(isDigit)
        default:
            return false
        }
    }

    /// Digits, a dot and zeros only (`4.0`, `3201014501800001.0`), right without the dot and zeros:
    /// what pandas writes for a column of whole numbers it read as decimals (one with an empty
    /// cell, say). Also with a decimal comma and one or two zeros (`5,0`, `5,00`: a spreadsheet in
    /// Indonesian showing decimals; three would be a thousands separator). Asked before the groups,
    /// which would take `1.0` for the digits 1 and 0.
    static func isWholeNumberAsDecimal(_ text: String, isValid: (String) -> Bool) -> Bool {
        let bytes = Substring(text).utf8
        guard let mark = bytes.firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: ",") }), mark > bytes.startIndex else { return false }
        let fraction = bytes[bytes.index(after: mark)...]
        // `4.`, as Stata writes a whole number it keeps as a decimal; a comma with nothing after it is no decimal comma.
        let dotAlone = fraction.isEmpty && bytes[mark] == UInt8(ascii: ".")
        guard !fraction.isEmpty || dotAlone, fraction.allSatisfy({ $0 == UInt8(ascii: "0") }), bytes[..<mark].allSatisfy(isDigit) else { return false }
        if bytes[mark] == UInt8(ascii: ","), fraction.count > 2 { return false }
        return isValid(String(text[..<mark]))
    }

    /// Spaces (also the no-break space a copied text brings), dots and dashes.
    private static let groupSeparators: Set<Unicode.Scalar> = [" ", "\u{A0}", "\u{202F}", ".", "-"]

    /// A long number as a spreadsheet shows it (`3.20101E+15`, or `3,20101E+15` in Indonesian):
    /// in scientific notation, with a positive power of ten.
    static func isScientificNotation(_ text: String) -> Bool {
        ScientificNotation(text).map { !$0.isNegative && $0.exponent > 0 } ?? false
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
