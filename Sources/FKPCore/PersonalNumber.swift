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

    public static func isValid(_ number: String) -> Bool {
        number.utf8.count == 16 && number.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
