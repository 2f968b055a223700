/// Quotes that CSV does not read as quotes, around a value or a column's name: single quotes, as a
/// program told to quote with `'` writes every value (`'Budi'`, an apostrophe inside written twice:
/// `'Ma''ruf'`), and curly double quotes, as a word processor or a phone turns `"Budi"` into
/// `“Budi”`. Read as they are, the quotes become part of the name on every page and list.
enum OtherQuotes {
    /// Double quotes, opening or closing, as phones, word processors and some languages write them.
    static let curlyDouble: Set<Unicode.Scalar> = ["\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{00AB}", "\u{00BB}"]
    /// A straight apostrophe and the curly single quotes.
    static let single: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]

    /// Whether `text` is wrapped whole in single quotes (straight or curly): `'Budi'`, `‘Budi’`, or
    /// `''`, an empty value so written.
    static func isInSingleQuotes(_ text: String) -> Bool { isWrapped(text, in: single) }

    /// Whether `text` is wrapped whole in curly double quotes (`“Budi”`, `„Budi“`), something between them.
    static func isInCurlyDoubleQuotes(_ text: String) -> Bool { isWrapped(text, in: curlyDouble) && text.unicodeScalars.count > 2 }

    /// The problem of a value of codes or numbers that its column refused while in such quotes (`'Z1'`,
    /// `“3”`): the quotes come first, whatever the value within them. Not asked of a name, which may
    /// begin and end with apostrophes of its own and be refused for something else.
    static func problem(of refused: String) -> ImportProblem.Kind? {
        if isInSingleQuotes(refused) { return .inOtherQuotes(single: true) }
        if isInCurlyDoubleQuotes(refused) { return .inOtherQuotes(single: false) }
        return nil
    }

    /// `text` without its wrapping quotes, when it has them (single or curly double); nil otherwise.
    static func unwrapped(_ text: String) -> String? {
        guard isInSingleQuotes(text) || isInCurlyDoubleQuotes(text) else { return nil }
        return String(String.UnicodeScalarView(text.unicodeScalars.dropFirst().dropLast()))
    }

    /// `'Ma''ruf'`: wrapped in single quotes, an apostrophe inside written twice, as a program
    /// quoting with `'` writes a name's own apostrophe; or `''`, the empty value such a program
    /// writes. Nobody's name or address is so written; a name may well begin and end with an
    /// apostrophe of its own (`'Ala'`), which this does not take.
    static func holdsDoubledApostrophe(_ text: String) -> Bool {
        text == "''" || isInSingleQuotes(text) && unwrapped(text)?.contains("''") == true
    }

    private static func isWrapped(_ text: String, in quotes: Set<Unicode.Scalar>) -> Bool {
        // Asked of every name and address: the two ends alone, no count of the whole.
        let scalars = text.unicodeScalars
        guard let first = scalars.first, quotes.contains(first), let last = scalars.last, quotes.contains(last) else { return false }
        return scalars.index(after: scalars.startIndex) != scalars.endIndex
    }
}
