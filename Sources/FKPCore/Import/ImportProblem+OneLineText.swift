extension ImportProblem.Kind {
    /// What is wrong with a name or an address, which must be one line of plain text: letters garbled
    /// by Windows text (named first: their own bytes may read as control characters), or a character
    /// that prints as nothing. Nil for printable ASCII, what nearly every value is, from its bytes alone.
    public static func oneLineTextProblem(_ text: String, in kind: OneLineText) -> ImportProblem.Kind? {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        if let meant = TextEncodedTwice.meant(text) { return .encodedTwice(meant: meant) }
        return text.firstInvisibleCharacter.map { .invisibleCharacter($0, in: kind) }
    }
}
