extension String {
    /// The first character that a one-line text such as a name must not hold: a control code (a
    /// tab, a line break, a terminal escape...) or a mark that turns the direction of the text
    /// around it. They print as nothing, or make one name look like another, on screen and paper.
    public var firstInvisibleControl: Unicode.Scalar? { unicodeScalars.first(where: \.isInvisibleControl) }

    /// The text with every such character spelled as `\u{…}`, so that a message shows it and a
    /// terminal does not act on it.
    public var spellingInvisibleControls: String {
        guard firstInvisibleControl != nil else { return self }
        var spelled = ""
        for scalar in unicodeScalars {
            if scalar.isInvisibleControl { spelled += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" } else { spelled.unicodeScalars.append(scalar) }
        }
        return spelled
    }
}

extension Unicode.Scalar {
    /// C0 and C1 control codes, DEL, and the bidirectional embeddings, overrides and isolates.
    public var isInvisibleControl: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// How an import message names it: "a tab (U+0009)".
    public var invisibleControlName: String {
        let hex = String(value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch value {
        case 0x09: return "a tab (\(code))"
        case 0x0A, 0x0D: return "a line break (\(code))"
        case 0x202A...0x202E, 0x2066...0x2069: return "a text direction mark (\(code))"
        default: return "a control character (\(code))"
        }
    }
}
