/// Text written with HTML character references (`Ma&#39;ruf`, `Siti &amp; Budi`), as a web page's
/// source writes characters: a list copied from a web system's page, or exported by one that
/// escaped its text for a page, would show every forum `&#39;` for an apostrophe.
public enum HTMLEntities {
    /// The text with its references written as the characters they stand for (a text escaped twice,
    /// `&amp;#39;`, is undone twice; a no-break space or a control character becomes a space); nil
    /// when it holds none. Numeric references, and the names lists' texts could hold.
    public static func decoded(_ text: String) -> String? {
        var current = text
        for _ in 0..<3 {
            guard let once = decodedOnce(current) else { break }
            current = once
        }
        return current == text ? nil : current
    }

    private static func decodedOnce(_ text: String) -> String? {
        guard text.contains("&") else { return nil }
        var result = "", found = false
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            if let semicolon = rest[afterAmpersand...].prefix(10).firstIndex(of: ";"),
               let character = character(for: rest[afterAmpersand..<semicolon]) {
                result.append(character)
                found = true
                rest = rest[rest.index(after: semicolon)...]
            } else {
                result.append("&")
                rest = rest[afterAmpersand...]
            }
        }
        result += rest
        return found ? result : nil
    }

    /// The character `reference` (what stands between `&` and `;`) stands for.
    private static func character(for reference: Substring) -> Character? {
        guard reference.first == "#" else { return named[String(reference)] }
        let number = reference.dropFirst()
        let value = number.first == "x" || number.first == "X" ? UInt32(number.dropFirst(), radix: 16) : UInt32(number, radix: 10)
        guard let value, let scalar = Unicode.Scalar(value) else { return nil }
        return value < 0x20 || (0x7F...0xA0).contains(value) ? " " : Character(scalar)
    }

    private static let named: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "ndash": "–", "mdash": "—", "hellip": "…",
        "aacute": "á", "eacute": "é", "iacute": "í", "oacute": "ó", "uacute": "ú", "Aacute": "Á", "Eacute": "É",
        "agrave": "à", "egrave": "è", "auml": "ä", "ouml": "ö", "uuml": "ü", "ccedil": "ç", "ntilde": "ñ",
        "deg": "°", "middot": "·",
    ]
}
