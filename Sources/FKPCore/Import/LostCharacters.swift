/// Characters a program lost on their way into the list. A spreadsheet saving CSV as Windows text
/// writes `?` for each character outside that character set (`Nguy?n` for `Nguyễn`); a program
/// that opened a file in the wrong character set writes `�` (U+FFFD) for each byte it could not
/// read (`Ma�ruf`, a Windows file opened as UTF-8), and saved so the character is gone.
enum LostCharacters {
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// A question mark next to a letter: in a name on either side (no name holds one), in an
    /// address on both (`No. ?` is a house number not known, kept).
    static func questionMarkForLetter(_ text: String, in kind: ImportProblem.Kind.OneLineText) -> Bool {
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "?") {
            let before = index > 0 && isLetter(bytes[index - 1])
            let after = index + 1 < bytes.count && isLetter(bytes[index + 1])
            if kind == .name ? before || after : before && after { return true }
        }
        return false
    }

    /// An ASCII letter, or a byte of a character beyond ASCII (a letter with a mark, as good as one here).
    private static func isLetter(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}
