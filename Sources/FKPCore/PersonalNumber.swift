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

    /// `text` with each run of 15 to 17 digits in it masked (`mayBeOne`), when it holds one beside
    /// other characters: a NIK typed into a name or an address. Nil when it holds none. Asked of
    /// every name and address, it reads the bytes, and allocates only for one that holds a run.
    public static func maskedWithin(_ text: String) -> String? {
        var runs: [Range<Int>] = [], start = 0, index = 0
        for byte in text.utf8 {
            if !isDigit(byte) {
                if (15...17).contains(index - start) { runs.append(start..<index) }
                start = index + 1
            }
            index += 1
        }
        if (15...17).contains(index - start) { runs.append(start..<index) }
        guard !runs.isEmpty, runs != [0..<index] else { return nil }
        var bytes = Array(text.utf8)
        for run in runs {
            bytes.replaceSubrange(run.lowerBound + 4..<run.upperBound - 2, with: repeatElement(UInt8(ascii: "*"), count: run.count - 6))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a text typed into a form holds a personal number, alone or among other words: the
    /// forum's texts are read whole by everyone of it, personal numbers only by BPS staff.
    public static func isTypedInto(_ text: String) -> Bool {
        mayBeOne(text) || maskedWithin(text) != nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    public static func isValid(_ number: String) -> Bool {
        number.utf8.count == 16 && number.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
