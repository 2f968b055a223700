/// The text of an audit entry's time as its chain hashes it: what PostgreSQL's
/// `to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` (`audit.timestamp_text`) makes,
/// made here from the timestamp's binary form, since to_char costs PostgreSQL nearly as much as
/// reading all the rest of an entry. Byte for byte the same over PostgreSQL's whole range, its
/// years before Christ (printed without a sign, as to_char does) and infinities (no text) included.
public enum AuditTimestampText {
    /// The longest text: a six-digit year (PostgreSQL's timestamps end in 294276).
    public static let maximumLength = 29

    /// Writes the text of the time `microseconds` after 2000-01-01 00:00 UTC (PostgreSQL's binary
    /// timestamptz) to `out`, which holds `maximumLength` bytes, and returns its length; nil for
    /// an infinite time, whose to_char is NULL.
    public static func write(microsecondsSince2000 microseconds: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        guard microseconds != .max, microseconds != .min else { return nil }
        let perDay: Int64 = 86_400_000_000
        let days = microseconds >= 0 ? microseconds / perDay : (microseconds + 1) / perDay - 1
        let withinDay = microseconds - days * perDay
        let (year, month, day) = civilDate(daysSince1970: days + 10_957)
        // to_char's YYYY: 1 BC (astronomical year 0) is 0001, 2 BC is 0002; four digits at least.
        var at = 0
        let shownYear = year <= 0 ? 1 - year : year
        let digits = shownYear >= 100_000 ? 6 : shownYear >= 10_000 ? 5 : 4
        func put(_ value: Int64, digits: Int) {
            var value = value
            for index in stride(from: at + digits - 1, through: at, by: -1) {
                out[index] = UInt8(truncatingIfNeeded: 48 + value % 10)
                value /= 10
            }
            at += digits
        }
        func put(_ byte: Unicode.Scalar) {
            out[at] = UInt8(ascii: byte)
            at += 1
        }
        put(shownYear, digits: digits); put("-")
        put(month, digits: 2); put("-")
        put(day, digits: 2); put("T")
        put(withinDay / 3_600_000_000, digits: 2); put(":")
        put(withinDay / 60_000_000 % 60, digits: 2); put(":")
        put(withinDay / 1_000_000 % 60, digits: 2); put(".")
        put(withinDay % 1_000_000, digits: 6); put("Z")
        return at
    }

    /// The proleptic Gregorian date of a day (astronomical years: 0 is 1 BC), by Howard Hinnant's
    /// `civil_from_days`, as PostgreSQL's j2date counts them.
    private static func civilDate(daysSince1970: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = daysSince1970 + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
