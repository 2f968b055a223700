import FKPCore
import Foundation
import Hummingbird

/// The moment a page is asked to show as it stood (`?at=2026-12-01T10:30`, local time of the
/// forum's place), and how the page says so.
struct HistoricalMoment {
    let date: Date
    /// "Tampilan historis: ... sebagaimana pada Selasa, 1 Desember 2026 10:30 WIB".
    let notice: String
    /// The value for the form's datetime-local field.
    let field: String

    /// Nil when the page is asked for the present; a malformed time is a bad request.
    init?(_ request: Request, place: RegionCode, language: Language) throws {
        guard let text = request.formQuery["at"]?.trimmingWhitespace, !text.isEmpty else { return nil }
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: IndonesianTime.zone(for: place).identifier)
        parser.dateFormat = text.count > 16 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm"
        guard let date = parser.date(from: text) else {
            throw HTTPError(.badRequest, message: "at: a time such as 2026-12-01T10:30")
        }
        self.date = date
        field = text
        let t = Translations(language: language)
        notice = "\(t["history_notice"]) \(IndonesianTime.format(date, at: place, languageCode: language.rawValue))"
    }
}
