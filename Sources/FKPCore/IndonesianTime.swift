import Foundation

/// Indonesia's three time zones, by province: times on invitations and minutes are local.
public enum IndonesianTime {
    public static func zone(for place: RegionCode) -> (identifier: String, abbreviation: String) {
        let province = Int(place.value.prefix(2)) ?? 31
        switch province {
        case 51, 52, 53, 63, 64, 65, 71...76: return ("Asia/Makassar", "WITA")
        case 81, 82, 91...99: return ("Asia/Jayapura", "WIT")
        default: return ("Asia/Jakarta", "WIB")
        }
    }

    /// "Selasa, 1 Desember 2026 09.00 WIB" or "Tuesday, 1 December 2026 09:00 WIB" (Indonesian
    /// writes the hour and minute apart with a dot).
    public static func format(_ date: Date, at place: RegionCode, languageCode: String) -> String {
        formatter(at: place, languageCode: languageCode, "EEEE, d MMMM yyyy \(clock(languageCode))").string(from: date)
            + " " + zone(for: place).abbreviation
    }

    /// A span of time, its day said once when it starts and ends on the same local day:
    /// "Jumat, 4 Desember 2026 16.00–19.00 WIB".
    public static func format(from start: Date, to end: Date, at place: RegionCode, languageCode: String) -> String {
        let day = formatter(at: place, languageCode: languageCode, "yyyy-MM-dd")
        guard day.string(from: start) == day.string(from: end) else {
            return format(start, at: place, languageCode: languageCode) + " – " + format(end, at: place, languageCode: languageCode)
        }
        let until = formatter(at: place, languageCode: languageCode, clock(languageCode)).string(from: end)
        return formatter(at: place, languageCode: languageCode, "EEEE, d MMMM yyyy \(clock(languageCode))").string(from: start)
            + "–" + until + " " + zone(for: place).abbreviation
    }

    /// Whether `date` falls on a later local day than `now` at the place: a forum opened before its
    /// day is asked to be confirmed.
    public static func isOnALaterDay(_ date: Date, than now: Date, at place: RegionCode) -> Bool {
        let day = formatter(at: place, languageCode: "en", "yyyy-MM-dd")
        return day.string(from: date) > day.string(from: now)
    }

    private static func clock(_ languageCode: String) -> String { languageCode == "id" ? "HH.mm" : "HH:mm" }

    private static func formatter(at place: RegionCode, languageCode: String, _ pattern: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: languageCode == "id" ? "id_ID" : "en_GB")
        formatter.timeZone = TimeZone(identifier: zone(for: place).identifier)
        formatter.dateFormat = pattern
        return formatter
    }
}
