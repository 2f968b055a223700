import Foundation

/// Writes CSV the way the reader reads it: fields quoted only when they must be (a comma, a quote,
/// a line break, or space at either end), LF line ends, no byte order mark.
public enum CSVWriter {
    public static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\n"
    }

    /// A typed text as a spreadsheet will show it: one that starts as a formula does (=, +, -, @)
    /// gets a leading apostrophe, so that opening the file runs nothing (OWASP's advice against
    /// CSV injection). Only for files people open in a spreadsheet, never for the import formats,
    /// whose round trip must keep every byte.
    public static func spreadsheetSafe(_ text: String) -> String {
        guard let first = text.utf8.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }

    private static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")]

    static func quoted(_ field: String) -> String {
        guard needsQuotes(field) else { return field }
        // Most quoted fields are addresses with a comma and no quote: no search and replace for them.
        guard field.utf8.contains(quote) else { return "\"" + field + "\"" }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A comma, a quote or a line break anywhere, or white space at either end. Read as bytes, the
    /// Unicode tables asked only when an end is not a visible ASCII character: an export asks this
    /// of every field of a million rows, and as characters it took most of the export's time.
    static func needsQuotes(_ field: String) -> Bool {
        let bytes = field.utf8
        if bytes.contains(where: { $0 == comma || $0 == quote || $0 == lf || $0 == cr }) { return true }
        guard let first = bytes.first, let last = bytes.last else { return false }
        if visibleASCII.contains(first) && visibleASCII.contains(last) { return false }
        return field.first?.isWhitespace == true || field.last?.isWhitespace == true
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    private static let visibleASCII = UInt8(0x21)...UInt8(0x7E)
}
