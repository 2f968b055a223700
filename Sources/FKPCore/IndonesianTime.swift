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

    /// "Selasa, 1 Desember 2026 09.00 WIB" or "Tuesday, 1 December 2026 09:00 WIB".
    public static func format(_ date: Date, at place: RegionCode, languageCode: String) -> String {
        let zone = zone(for: place)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: languageCode == "id" ? "id_ID" : "en_GB")
        formatter.timeZone = TimeZone(identifier: zone.identifier)
        formatter.dateFormat = "EEEE, d MMMM yyyy HH:mm"
        return formatter.string(from: date) + " " + zone.abbreviation
    }
}
