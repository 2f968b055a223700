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
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
