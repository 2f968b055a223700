/// A list opened in a spreadsheet as Windows text (code page 1252) although it was UTF-8, then saved
/// as UTF-8 again: every letter outside ASCII becomes two or three others, `Ma’ruf` turns into
/// `Maâ€™ruf` and `Dédé` into `DÃ©dÃ©`, and the file is still valid UTF-8. Such a name is refused
/// with the name as it was meant, so that the person goes back to the file as it was sent.
public enum TextEncodedTwice {
    /// The text as it was meant, when `text` is UTF-8 read as Windows-1252 and written again; nil
    /// for any other text. The bytes that each character stands for in Windows-1252 must form UTF-8,
    /// and what they form must be what lists hold: Latin letters with their marks, punctuation,
    /// currency, Chinese characters. A real name's accented letters and punctuation almost never
    /// form UTF-8 (`é` is a byte that must be followed by two of the rare symbols `€` to `¿`), and
    /// when they do (`JOSÉ’S`: `É’` is the bytes of `ɒ`) they form something else.
    public static func meant(_ text: String) -> String? {
        // ASCII, what nearly every name and address is, is answered from the bytes.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let byte = Windows1252.byte(for: scalar) else { return nil }
            bytes.append(byte)
        }
        guard let meant = String(validating: bytes, as: UTF8.self), meant.unicodeScalars.allSatisfy(isWhatListsHold) else {
            return nil
        }
        return meant
    }

    private static func isWhatListsHold(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x80, 0xA0...0x17F,  // ASCII, Latin-1's letters and signs, Latin Extended-A
             0x2000...0x206F, 0x20A0...0x20CF, 0x2100...0x214F,  // punctuation, currency, letter-like signs (™)
             0x4E00...0x9FFF, 0xFEFF:  // Chinese characters; a byte order mark, in a header
            true
        default:
            false
        }
    }
}
