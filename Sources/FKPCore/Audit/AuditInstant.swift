import Foundation

/// A bound of an audit export, exact to the microsecond as entry times are stored. An auditor
/// copies an entry's `occurred_at` into `--from` or `--to`; kept as a `Date` and formatted by
/// ISO8601DateFormatter, the bound was cut to the millisecond and fell before that entry.
public struct AuditInstant: Sendable, Equatable, Comparable {
    public let microsecondsSince2000: Int64

    /// PostgreSQL's epoch, 2000-01-01 00:00 UTC, in seconds after 1970.
    private static let epochSince1970: Int64 = 946_684_800

    public init(microsecondsSince2000: Int64) {
        self.microsecondsSince2000 = microsecondsSince2000
    }

    /// To the nearest microsecond.
    public init(_ date: Date) {
        let seconds = date.timeIntervalSince1970 - Double(Self.epochSince1970)
        microsecondsSince2000 = Int64((seconds * 1_000_000).rounded())
    }

    /// A time with its offset and up to six fraction digits: `2026-12-01T09:00:00+07:00`,
    /// `2026-12-02T20:15:26.258708Z`.
    public init?(iso8601 text: String) {
        // The fraction is read here, the rest by ISO8601DateFormatter: whole seconds are exact in a Date.
        var whole = text
        var fraction: Int64 = 0
        if let dot = text.firstIndex(of: ".") {
            let digits = text[text.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
            guard (1...6).contains(digits.count), let value = Int64(digits) else { return nil }
            fraction = value * Int64(pow(10, Double(6 - digits.count)))
            whole = String(text[..<dot]) + text[digits.endIndex...]
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: whole) else { return nil }
        microsecondsSince2000 = (Int64(date.timeIntervalSince1970) - Self.epochSince1970) * 1_000_000 + fraction
    }

    /// Whole and fractional seconds since 1970, for a `Date` (which keeps microseconds only approximately).
    public var secondsSince1970: Double { Double(microsecondsSince2000) / 1_000_000 + Double(Self.epochSince1970) }

    /// As the chain writes times (`2026-12-02T20:15:26.258708Z`), which PostgreSQL reads back exactly.
    public var text: String {
        String(unsafeUninitializedCapacity: AuditTimestampText.maximumLength) { buffer in
            AuditTimestampText.write(microsecondsSince2000: microsecondsSince2000, to: buffer.baseAddress!) ?? 0
        }
    }

    public static func < (lhs: AuditInstant, rhs: AuditInstant) -> Bool { lhs.microsecondsSince2000 < rhs.microsecondsSince2000 }
}
