/// A number written with characters that only look like its digits, minus or dot: a minus sign
/// (U+2212) or a dash where the hyphen-minus belongs, as word processors and web pages write them
/// (a coordinate copied from a map's page), full-width digits from an East Asian keyboard, another
/// script's digits. Asked only of a value already refused.
enum PlainDigits {
    /// The text in plain ASCII characters; nil when it holds none of those look-alikes, or anything else that is not ASCII.
    static func writtenOut(_ text: String) -> String? {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var plain = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                plain.append(scalar)
            } else if minusSigns.contains(scalar) {
                plain.append("-")
            } else if scalar == "\u{FF0E}" {
                plain.append(".")
            } else if scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
                      let digit = Unicode.Scalar(UInt32(UInt8(ascii: "0")) + UInt32(value)) {
                plain.append(digit)
            } else {
                return nil
            }
        }
        return String(plain)
    }

    /// The minus sign, the figure dash, the en and em dashes, the small and the full-width hyphen-minus.
    private static let minusSigns: Set<Unicode.Scalar> = ["\u{2212}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{FE63}", "\u{FF0D}"]
}
