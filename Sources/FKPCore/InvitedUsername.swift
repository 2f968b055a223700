import Foundation

/// The account name printed on an invitation, for a person to type on a phone: the first word of
/// their name that is a name, then a number ("Ibu Siti Aminah" becomes "siti.4821").
public enum InvitedUsername {
    /// Forms of address and titles written before names on Indonesian invitations: "bapak.4821"
    /// would name nobody, and would share four digits with every other "Bapak" in the country.
    static let honorifics: Set<String> = [
        "bapak", "bpk", "pak", "ibu", "bu", "sdr", "sdri", "saudara", "saudari", "tuan", "tn", "nyonya", "ny", "nona", "nn",
        "h", "hj", "haji", "hajah", "hajjah", "kh", "kyai", "kiai", "ustadz", "ustaz", "ust", "ustadzah", "ustazah",
        "dr", "drs", "dra", "ir", "prof",
    ]

    /// The name part: the first word of letters (folded to ASCII) that is no honorific, up to 16
    /// letters; "warga" (resident) when the name has none of at least three letters.
    public static func stem(of name: String) -> String {
        let words = name.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            .split(whereSeparator: { $0.isWhitespace || $0 == "," })
            .map { $0.filter { $0.isASCII && $0.isLetter } }
        let word = words.first { $0.count >= 3 && !honorifics.contains($0) }
        return word.map { String($0.prefix(16)) } ?? "warga"
    }

    /// The `attempt`th name to try (from 0) when the ones before were taken: four digits at first,
    /// a digit more every three attempts, so that a common name (there are hundreds of thousands of
    /// "Muhammad"s) still finds a free number within a few attempts, where four digits hold 9,000.
    public static func candidate(stem: String, attempt: Int, using generator: inout some RandomNumberGenerator) -> String {
        let digits = 4 + attempt / 3
        let low = Int(pow(10, Double(digits - 1)))
        return "\(stem).\(Int.random(in: low...(low * 10 - 1), using: &generator))"
    }

    /// How many names to try before giving up: the last has ten digits.
    public static let attempts = 21
}
