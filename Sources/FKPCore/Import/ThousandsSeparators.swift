/// A number written with its thousands separated, as a spreadsheet saves a cell formatted so (CSV
/// holds what the cell shows): `1,502.75` in English, `1.502,75` in Indonesian, `1 502,75` in
/// French. Read only where the separator cannot be the decimal mark: a comma or dot followed by
/// three digits and nothing else (`1,502`) might be either, and is left for the plain "use a dot".
struct ThousandsSeparators {
    /// The number without its separators, its fraction after a dot.
    let writtenOut: String

    init?(_ text: String) {
        var digits = Substring(text.map { $0 == "\u{A0}" || $0 == "\u{202F}" ? " " : $0 })
        var sign = ""
        if let first = digits.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            digits = digits.dropFirst()
        }
        for (separator, decimalMark) in Self.conventions {
            var whole = digits, fraction: Substring?
            if let mark = digits.lastIndex(of: decimalMark), !digits[digits.index(after: mark)...].contains(separator) {
                whole = digits[..<mark]
                fraction = digits[digits.index(after: mark)...]
            }
            let groups = whole.split(separator: separator, omittingEmptySubsequences: false)
            guard groups.count >= 2, let lead = groups.first, (1...3).contains(lead.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }), groups.allSatisfy(Self.isDigits) else { continue }
            if let fraction {
                guard !fraction.isEmpty, Self.isDigits(fraction) else { continue }
            } else if groups.count == 2, separator != " " {
                continue  // `1,502` or `1.502`: a decimal mark as likely as a separator
            }
            writtenOut = sign + groups.joined() + (fraction.map { "." + $0 } ?? "")
            return
        }
        return nil
    }

    /// The separator of thousands and the decimal mark that goes with it. A space of any width
    /// (a no-break space, as a copied text brings) counts as a space.
    private static let conventions: [(separator: Character, decimalMark: Character)] = [
        (",", "."), (".", ","), (" ", ","), (" ", "."),
    ]

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(SpreadsheetDamage.isDigit)
    }
}
