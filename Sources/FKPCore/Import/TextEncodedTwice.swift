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
            guard let byte = Windows1252.byte(for: scalar) else { return nil }
            bytes.append(byte)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
