import FKPCore
import FKPStore
import Foundation

/// One audit entry as a person reads it: who, when, what and why, and each field that changed in
/// plain language with its old and new value.
struct AuditLine {
    /// `old` is nil for a row's first values (an insert has no earlier value to strike through).
    /// A document (the stored minutes) is shown folded, laid out on lines.
    struct Change { let field: String; let old: String?; let new: String; let isDocument: Bool }

    let id: Int64
    /// When, in Western Indonesia time (the zone the filter's days are in), and `instant`, the
    /// chain's own text of it in UTC, as exports carry it.
    let when: String
    let instant: String
    /// `instant` as HTML's `datetime` attribute takes it: at most milliseconds.
    let machineInstant: String
    let actor: String
    let role: String
    /// What was done, in plain words, and its code (which the filter takes).
    let action: String
    let actionCode: String
    let table: String
    let rowKey: String?
    let reason: String?
    let decision: String?
    let place: String
    let changes: [Change]

    /// "2026-12-03T17:43:20.411006Z" → "2026-12-03T17:43:20.411Z"; other texts as they are.
    static func toMilliseconds(_ instant: String) -> String {
        guard let dot = instant.firstIndex(of: ".") else { return instant }
        let digits = instant[instant.index(after: dot)...].prefix { $0.isASCII && $0.isNumber }
        return String(instant[...dot]) + digits.prefix(3) + instant[digits.endIndex...]
    }

    /// Bookkeeping columns that change with every write and say nothing to a reader.
    static let unremarkable: Set<String> = ["version", "updated_at", "updated_by"]

    /// Columns holding an account's id, and a place's code, which a reader is told the name of.
    static let userColumns: Set<String> = ["user_id", "raised_by_user_id"]
    static let placeColumns: Set<String> = ["region_code", "sls_code", "village_code", "regency_code", "moved_to_sls_code", "parent_code"]

    /// The account ids and place codes the entries hold in those columns, to be named.
    static func references(in entries: [AuditEntry]) -> (userIDs: Set<Int64>, placeCodes: Set<String>) {
        var users: Set<Int64> = [], places: Set<String> = []
        for entry in entries {
            for row in [object(entry.oldRow), object(entry.newRow)] {
                for (column, value) in row {
                    guard case .text(let text)? = value else { continue }
                    if userColumns.contains(column), let id = Int64(text) { users.insert(id) }
                    if placeColumns.contains(column), RegionCode.parse(text) != nil { places.insert(text) }
                }
            }
        }
        return (users, places)
    }

    init(_ e: AuditEntry, names: AuditBrowser.ReferenceNames = .init(), t: Translations) {
        id = e.id
        instant = e.occurredAt
        machineInstant = Self.toMilliseconds(e.occurredAt)
        when = Self.westernIndonesianTime(e.occurredAt)
        actor = e.actor
        role = t.name("role_\(e.actorRole)", or: e.actorRole)
        actionCode = e.action
        action = t.name("action_\(e.action.replacingOccurrences(of: ".", with: "_"))", or: e.action)
        table = t.name("table_\(e.tableName.split(separator: ".").last ?? "")", or: e.tableName)
        rowKey = e.rowKey
        reason = e.reason
        decision = e.decisionRef
        place = "\(e.chain) #\(e.seq)"
        let old = Self.object(e.oldRow), new = Self.object(e.newRow)
        changes = Set(old.keys).union(new.keys).sorted().compactMap { key in
            let before = old[key] ?? nil, after = new[key] ?? nil
            guard before != after, !Self.unremarkable.contains(key) else { return nil }
            if e.operation == "INSERT" && after == nil { return nil }
            return Change(field: t.name("field_\(key)", or: key), old: e.operation == "INSERT" ? nil : Self.shown(before, of: key, names, t),
                          new: Self.shown(after, of: key, names, t), isDocument: before?.isDocument == true || after?.isDocument == true)
        }
    }

    /// The zone of the audit page: its filter's days and its entries' times.
    static let zone = TimeZone(identifier: "Asia/Jakarta")!

    /// A time as PostgreSQL or the chain writes it (`2026-12-03T00:35:02.121899+00:00`), in WIB to
    /// the second; the text itself when it is not one.
    static func westernIndonesianTime(_ text: String) -> String {
        AuditInstant(iso8601: text).map { westernIndonesianTime(Date(timeIntervalSince1970: $0.secondsSince1970)) } ?? text
    }

    static func westernIndonesianTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d WIB", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    /// A field of a row image: a yes or no, a document (an object or a list), or anything else as its text.
    enum Value: Equatable {
        case flag(Bool)
        case text(String)
        case document(String)

        var isDocument: Bool { if case .document = self { true } else { false } }
    }

    /// A row image's fields (nil for JSON null).
    static func object(_ json: String?) -> [String: Value?] {
        guard let json, let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        return object.mapValues { value -> Value? in
            switch value {
            case is NSNull: return nil
            case let text as String: return .text(text)
            // Foundation gives JSON's true and false as numbers whose type is a C char.
            case let number as NSNumber where String(cString: number.objCType) == "c": return .flag(number.boolValue)
            case let number as NSNumber: return .text(number.stringValue)
            // An empty document (a batch that changed no place beyond its counts) says nothing, as null does.
            case let object as [String: Any] where object.isEmpty: return nil
            case let list as [Any] where list.isEmpty: return nil
            default:
                guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]) else { return nil }
                return .document(String(decoding: data, as: UTF8.self))
            }
        }
    }

    /// A value of `column` as a reader takes it: codes in words, an account's id with its user name
    /// and a place's code with its name, personal numbers and secrets hidden.
    static func shown(_ value: Value?, of column: String, _ names: AuditBrowser.ReferenceNames, _ t: Translations) -> String {
        switch value {
        case nil: return "–"
        case .flag(let flag)?: return t[flag ? "value_true" : "value_false"]
        case .text(let text)? where text.hasPrefix("pii:"): return t["audit_masked"]
        case .text(let text)? where text.hasPrefix("secret:"): return t["audit_secret"]
        case .text(let text)? where column.hasSuffix("_at"):
            // A time a row holds (closed_at, raised_at...) reads like the entry's own.
            return westernIndonesianTime(text)
        case .text(let text)? where userColumns.contains(column):
            return Int64(text).flatMap { names.users[$0] }.map { "\(text) · \($0)" } ?? text
        case .text(let text)? where placeColumns.contains(column):
            return names.places[text].map { "\(text) · \($0)" } ?? text
        case .text(let text)?: return t.words(forCode: text, in: column) ?? text
        case .document(let text)?: return text
        }
    }
}
