extension String {
    /// The first character that a one-line text such as a name must not hold: a control code (a
    /// tab, a line break, a terminal escape...) or an invisible formatting mark (a zero-width space,
    /// a byte order mark, a mark that turns the direction of the text around it). They print as
    /// nothing, or make one name look like another, on screen and paper.
    public var firstInvisibleCharacter: Unicode.Scalar? {
        // Printable ASCII, what nearly every name and address is, is answered from the bytes.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return nil }
        return unicodeScalars.first(where: \.isInvisibleCharacter)
    }

    /// The text as a person meant it, without what they could not see: a tab becomes a space, line
    /// breaks stay, and every other control or invisible formatting character (a zero-width space
    /// pasted from a chat message, a mark that shows the text after it backwards) is dropped.
    public var removingInvisibleCharacters: String {
        guard firstInvisibleCharacter != nil else { return self }
        var kept = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "\t" {
                kept.append(" ")
            } else if scalar == "\u{2028}" || scalar == "\u{2029}" {
                kept.append("\n")  // Unicode's line and paragraph separators: a line break as the person meant it
            } else if scalar == "\n" || scalar == "\r" || !scalar.isInvisibleCharacter {
                kept.append(scalar)
            }
        }
        return String(kept)
    }

    /// The text with every such character spelled as `<U+…>`, so that a message shows it and a
    /// terminal does not act on it.
    public var spellingInvisibleCharacters: String {
        guard firstInvisibleCharacter != nil else { return self }
        return unicodeScalars.map { $0.isInvisibleCharacter ? "<U+\(String($0.value, radix: 16, uppercase: true))>" : String($0) }.joined()
    }
}

extension Unicode.Scalar {
    /// Unicode's control (Cc) and format (Cf) characters, and its line and paragraph separators
    /// (U+2028, U+2029), line breaks that many readers of a file or a page do not show as such.
    public var isInvisibleCharacter: Bool {
        // Printable ASCII first: every name and address of a million-row import is read this way.
        if (0x20..<0x7F).contains(value) { return false }
        let category = properties.generalCategory
        return category == .control || category == .format || category == .lineSeparator || category == .paragraphSeparator
    }

    /// What kind of invisible character it is, for a message to name it.
    public enum InvisibleKind: Sendable { case tab, lineBreak, textDirectionMark, control, format }

    public var invisibleKind: InvisibleKind {
        switch value {
        case 0x09: .tab
        case 0x0A, 0x0D, 0x2028, 0x2029: .lineBreak
        case 0x202A...0x202E, 0x2066...0x2069: .textDirectionMark
        default: properties.generalCategory == .control ? .control : .format
        }
    }

    /// Its code point as Unicode writes it: "U+0009".
    public var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// How an English message names it: "a tab (U+0009)".
    public var invisibleCharacterName: String {
        switch invisibleKind {
        case .tab: "a tab (\(codePoint))"
        case .lineBreak: "a line break (\(codePoint))"
        case .textDirectionMark: "a text direction mark (\(codePoint))"
        case .control: "a control character (\(codePoint))"
        case .format: "an invisible character (\(codePoint))"
        }
    }
}
