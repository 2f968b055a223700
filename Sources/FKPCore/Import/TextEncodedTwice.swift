/// A list opened in a spreadsheet as Windows text (code page 1252) although it was UTF-8, then saved
/// as UTF-8 again: every letter outside ASCII becomes two or three others, `Ma’ruf` turns into
/// `Maâ€™ruf` and `Dédé` into `DÃ©dÃ©`, and the file is still valid UTF-8. Such a name is refused
/// with the name as it was meant, so that the person goes back to the file as it was sent.
public enum TextEncodedTwice {
    /// The text as it was meant, when `text` is UTF-8 read as Windows-1252 and written again; nil
    /// for any other text. The bytes that each character stands for in Windows-1252 must form UTF-8
    /// holding a letter outside ASCII: a real name's accented letters or punctuation never do
    /// (`é` is a byte that must be followed by two of the rare symbols `€` to `¿`).
    public static func meant(_ text: String) -> String? {
        // ASCII, what nearly every name and address is, is answered from the bytes.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let byte = windows1252Byte(scalar) else { return nil }
            bytes.append(byte)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The byte that stands for `scalar` in Windows-1252; its five unassigned bytes, and every byte
    /// of ISO 8859-1, are read by Windows as the code point of the same number.
    private static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x100 { return UInt8(scalar.value) }
        return windows1252Specials[scalar.value]
    }

    /// The characters Windows-1252 puts at 0x80-0x9F, where ISO 8859-1 has control codes.
    private static let windows1252Specials: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]
}
