import FKPCore
import FKPStore
import Foundation

/// What a review page is narrowed to: a verdict (or "none yet"), a group, a name. Kept across a
/// save so the person comes back to the same view of the list.
struct ReviewFilter: Equatable {
    var verdict: String?
    var group: WelfareGroup?
    var name: String

    init(verdict: String? = nil, group: WelfareGroup? = nil, name: String = "") {
        self.verdict = verdict
        self.group = group
        self.name = name
    }

    /// From query parameters; anything unknown is ignored.
    init(_ parameters: [String: String]) {
        let verdict = parameters["verdict"] ?? ""
        self.verdict = verdict == "none" || Verdict(rawValue: verdict) != nil ? verdict : nil
        group = parameters["group"].flatMap(Int.init).flatMap(WelfareGroup.init)
        // A name pasted from a chat may carry a zero-width space that no stored name holds.
        name = (parameters["q"] ?? "").removingInvisibleCharacters.foldingSpaces
    }

    /// From a query string such as the hidden `back` field of a row's form.
    init(queryString: String) {
        self.init(FormQuery.fields(Substring(queryString)))
    }

    func admits(_ row: ReviewRepository.Row) -> Bool {
        if let verdict, (row.review.verdict?.rawValue ?? "none") != verdict { return false }
        if let group, row.group != group { return false }
        if !name.isEmpty, row.headName.foldingSpaces.range(of: name, options: [.caseInsensitive, .diacriticInsensitive]) == nil { return false }
        return true
    }

    var queryString: String {
        var parts: [String] = []
        if let verdict { parts.append("verdict=\(verdict)") }
        if let group { parts.append("group=\(group.rawValue)") }
        if !name.isEmpty { parts.append("q=\(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
        return parts.joined(separator: "&")
    }

    var isActive: Bool { verdict != nil || group != nil || !name.isEmpty }
}
