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

    /// A time that cannot be read: the page says what was typed and how to write it.
    struct Unreadable: ExplainedRefusal {
        let typed: String
        let back: String?
        var status: HTTPResponse.Status { .badRequest }
        func message(_ t: Translations) -> String { t.filling("history_unreadable", ["typed": typed]) }
    }

    /// Nil when the page is asked for the present. The picker sends 2026-12-01T10:30; a browser
    /// without one lets the person type, most likely with a space, and maybe seconds.
    init?(_ request: Request, place: RegionCode, language: Language) throws {
        guard let text = request.formQuery["at"]?.trimmingWhitespace, !text.isEmpty else { return nil }
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = TimeZone(identifier: IndonesianTime.zone(for: place).identifier)
        let written = text.replacingOccurrences(of: " ", with: "T")
        parser.dateFormat = written.count > 16 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm"
        guard let date = parser.date(from: written) else { throw Unreadable(typed: text, back: request.uri.path) }
        self.date = date
        field = written
        let t = Translations(language: language)
        notice = "\(t["history_notice"]) \(IndonesianTime.format(date, at: place, languageCode: language.rawValue))"
    }
}
