/// NIK and family card numbers: masked for everyone but BPS staff (first 4 and last 2 digits shown).
public enum PersonalNumber {
    public static func masked(_ number: String) -> String {
        let characters = Array(number)
        guard characters.count > 6 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 6)
            + String(characters.suffix(2))
    }

    /// Digits only, 15 to 17 of them: a personal number, or one with a digit lost or added. A value
    /// refused in any column is shown masked when it may be one (columns shifted or swapped put
    /// NIKs where coordinates or counts belong).
    public static func mayBeOne(_ text: String) -> Bool {
        (15...17).contains(text.utf8.count) && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Seven digits or more: as much of a personal number as tells someone (the first six give only
    /// the place). A refused value in a personal number's column is shown masked when it holds as
    /// many; a mark for a missing value (`-`, `NULL`, `#N/A`) or a short count is shown as typed.
    public static func holdsPartOfOne(_ text: String) -> Bool {
        var digits = 0
        for character in text where character.isWholeNumber {
            digits += 1
            if digits >= 7 { return true }
        }
        return false
    }

    /// `text` with each personal number in it masked, when it holds one beside other characters: a
    /// NIK typed into a name, an address or a note. A personal number here is 15 to 17 digits
    /// (`mayBeOne`), together or in groups one space, dot or dash apart, the same throughout
    /// (`3201 0145 0180 0001`, as a card shows it). Nil when it holds none, or is digits alone (the
    /// caller's own case). Asked of every name and address, it reads the bytes, and allocates only
    /// for one of 15 digits or more.
    public static func maskedWithin(_ text: String) -> String? {
        guard text.utf8.count(where: SpreadsheetDamage.isDigit) >= 15 else { return nil }
        // The runs of digits, then those one separator apart chained.
        var groups: [Range<Int>] = [], start: Int?, index = 0
        for byte in text.utf8 {
            if SpreadsheetDamage.isDigit(byte) {
                if start == nil { start = index }
            } else if let first = start {
                groups.append(first..<index)
                start = nil
            }
            index += 1
        }
        if let first = start { groups.append(first..<index) }
        guard groups != [0..<index] else { return nil }
        var bytes = Array(text.utf8)
        // One separator throughout a chain, as a number is written: `-6.9147 107.6098` is two numbers.
        var chains: [(groups: [Range<Int>], separator: UInt8?)] = []
        for group in groups {
            if let (chain, separator) = chains.last, let last = chain.last, group.lowerBound == last.upperBound + 1,
               isSeparator(bytes[last.upperBound]), separator.map({ $0 == bytes[last.upperBound] }) ?? true {
                chains[chains.count - 1] = (chain + [group], bytes[last.upperBound])
            } else {
                chains.append(([group], nil))
            }
        }
        var found = false
        for (chain, _) in chains {
            let digits = chain.reduce(0) { $0 + $1.count }
            let numbers = chain.count > 1 && (15...17).contains(digits) ? [chain] : chain.filter { (15...17).contains($0.count) }.map { [$0] }
            for number in numbers {
                // All but the first four digits and the last two, the separators kept.
                let total = number.reduce(0) { $0 + $1.count }
                var seen = 0
                for position in number.flatMap({ Array($0) }) {
                    seen += 1
                    if seen > 4 && seen <= total - 2 { bytes[position] = UInt8(ascii: "*") }
                }
                found = true
            }
        }
        return found ? String(decoding: bytes, as: UTF8.self) : nil
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    /// Whether a text typed into a form holds a personal number, alone or among other words: the
    /// forum's texts are read whole by everyone of it, personal numbers only by BPS staff. Digits
    /// of any script count (a phone's full-width or Arabic-Indic keyboard types the same number).
    public static func isTypedInto(_ text: String) -> Bool {
        let digits = withASCIIDigits(text)
        return mayBeOne(digits) || maskedWithin(digits) != nil
    }

    /// `text` with every decimal digit of another script (`４`, `٤`, `४`) written as its ASCII digit.
    static func withASCIIDigits(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !scalar.isASCII, scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
                folded.append(Unicode.Scalar(UInt8(ascii: "0") + UInt8(value)))
            } else {
                folded.append(scalar)
            }
        }
        return String(folded)
    }

    public static func isValid(_ number: String) -> Bool {
        number.utf8.count == 16 && number.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
