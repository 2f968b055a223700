/// Windows' text encoding for Western European languages (code page 1252), the one a spreadsheet on
/// an Indonesian Windows uses for "CSV" that is not "CSV UTF-8". A byte per character: ISO 8859-1,
/// except for the printable characters it puts at 0x80-0x9F; its five unassigned bytes there are
/// read by Windows as the code point of the same number.
public enum Windows1252 {
    /// The text that `bytes` stand for.
    public static func text(_ bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(specials[byte].flatMap(Unicode.Scalar.init) ?? Unicode.Scalar(byte))
        }
        return String(scalars)
    }

    /// The byte that stands for `scalar`, if one does; the code points 0x80-0x9F stand for the byte
    /// of their number too, as a program that reads ISO 8859-1 instead gives them.
    public static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        scalar.value < 0x100 ? UInt8(scalar.value) : bytesOfSpecials[scalar.value]
    }

    private static let specials: [UInt8: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]
    private static let bytesOfSpecials = Dictionary(uniqueKeysWithValues: specials.map { ($0.value, $0.key) })
}
