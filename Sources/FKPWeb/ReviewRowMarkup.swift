import FKPCore

/// One family's card on the review page. The page lists up to a few hundred of them, and the
/// template engine spent about 0.3 ms per card looking fields up (a dynamic cast at each level of
/// its context stack, for some fifty fields); built here it costs a few microseconds. Every value
/// that is not a constant of this file goes through HTMLText.escape, so the result is safe to
/// insert unescaped. The markup is the review template's, and ReviewPageTests read it.
enum ReviewRowMarkup {
    /// What all cards of a page share.
    struct Shared {
        let action: String
        let csrf: String
        let back: String
        let editable: Bool
        let forumID: Int64
        /// The card's fixed words, escaped once per page.
        let labels: [String: String]

        init(action: String, csrf: String, back: String, editable: Bool, forumID: Int64, t: Translations) {
            self.action = HTMLText.escape(action)
            self.csrf = HTMLText.escape(csrf)
            self.back = HTMLText.escape(back)
            self.editable = editable
            self.forumID = forumID
            labels = Dictionary(uniqueKeysWithValues: Self.keys.map { ($0, HTMLText.escape(t[$0])) })
        }

        static let keys = ["review_members_short", "review_verdict", "review_proposed_group", "review_reason", "review_presence",
                           "review_moved_to", "review_other_family", "review_order_note", "review_save", "review_saved_by",
                           "review_family_page", "review_open_challenges"]
    }

    /// Labels and option lists, built once per page: a card picks the variant it needs.
    struct Choices {
        let groupLabels: [WelfareGroup: String]
        let verdictLabels: [Verdict: String]
        let presenceLabels: [Presence: String]
        let verdictNone: String
        private let radios: [Verdict?: String]
        private let groups: [String: String]
        private let presences: [Presence: String]

        init(t: Translations) {
            let groupLabels = Dictionary(uniqueKeysWithValues: WelfareGroup.allCases.map { ($0, t["group_\($0.rawValue)"]) })
            let verdictLabels = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0, t["verdict_\($0.rawValue)"]) })
            let presenceLabels = Dictionary(uniqueKeysWithValues: Presence.allCases.map { ($0, t.presence($0)) })
            self.groupLabels = groupLabels
            self.verdictLabels = verdictLabels
            self.presenceLabels = presenceLabels
            verdictNone = t["verdict_none"]
            var radios: [Verdict?: String] = [:]
            for chosen in [nil] + Verdict.allCases.map(Optional.some) {
                radios[chosen] = HTMLText.radios("verdict", Verdict.allCases.map {
                    FormOption(value: $0.rawValue, label: verdictLabels[$0] ?? "", selected: chosen == $0)
                })
            }
            self.radios = radios
            var groups: [String: String] = [:]
            for own in WelfareGroup.allCases {
                for chosen in [nil] + WelfareGroup.allCases.map(Optional.some) {
                    groups["\(own.rawValue)-\(chosen?.rawValue ?? 0)"] =
                        HTMLText.options(FormOption.groups(WelfareGroup.allCases.filter { $0 != own }, selected: chosen, t))
                }
            }
            self.groups = groups
            var presences: [Presence: String] = [:]
            for chosen in Presence.allCases {
                presences[chosen] = HTMLText.options(FormOption.presences(selected: chosen, t))
            }
            self.presences = presences
        }

        func verdictRadios(_ chosen: Verdict?) -> String { radios[chosen] ?? "" }
        /// The groups a family of group `own` may be proposed for.
        func groupOptions(own: WelfareGroup, chosen: WelfareGroup?) -> String { groups["\(own.rawValue)-\(chosen?.rawValue ?? 0)"] ?? "" }
        func presenceOptions(_ chosen: Presence) -> String { presences[chosen] ?? "" }
    }

    static func html(_ row: ReviewPage.Row, _ s: Shared) -> String {
        let e = HTMLText.escape
        let t = s.labels
        var h = "<li id=\"f-\(e(row.id))\" class=\"fam v-\(row.verdictClass)\">\n"
        h += "<p class=\"who\"><b>\(row.number)</b> \(e(row.name)) <small>\(e(row.address)) · \(row.members) \(t["review_members_short", default: ""]) · "
        h += "<span class=\"g\(row.group)\">\(row.group) \(e(row.groupLabel))</span></small></p>\n"
        if s.editable {
            h += "<form method=\"post\" action=\"\(s.action)\(e(row.id))\" class=\"verdict\">\n"
            h += "<input type=\"hidden\" name=\"csrf_token\" value=\"\(s.csrf)\"><input type=\"hidden\" name=\"version\" value=\"\(row.version)\">"
            h += "<input type=\"hidden\" name=\"back\" value=\"\(s.back)\">\n"
            for error in row.errors { h += "<p class=\"error\" role=\"alert\">\(e(error))</p>\n" }
            h += "<fieldset class=\"v\"><legend>\(t["review_verdict", default: ""])</legend>\(row.verdictsHTML)</fieldset>\n"
            h += "<div class=\"nf\"><label>\(t["review_proposed_group", default: ""]) <select name=\"proposed_group\"><option value=\"\">–</option>"
            h += "\(row.groupsHTML)</select></label>\n"
            h += "<label>\(t["review_reason", default: ""]) <input name=\"reason\" value=\"\(e(row.reason))\" maxlength=\"500\"></label></div>\n"
            h += "<details\(row.detailsOpen ? " open" : "")><summary>\(t["review_presence", default: ""])"
            if let presence = row.presenceLabel { h += ": \(e(presence))" }
            h += "</summary>\n"
            h += "<label>\(t["review_presence", default: ""]) <select name=\"presence\">\(row.presencesHTML)</select></label>\n"
            h += "<label>\(t["review_moved_to", default: ""]) <input name=\"moved_to\" value=\"\(e(row.movedTo))\" maxlength=\"500\"></label>\n"
            h += "<label>\(t["review_other_family", default: ""]) <input name=\"other_family\" value=\"\(e(row.otherFamily))\" maxlength=\"32\"></label>\n"
            h += "<label>\(t["review_order_note", default: ""]) <input name=\"order_note\" value=\"\(e(row.orderNote))\" maxlength=\"500\"></label>\n"
            h += "</details>\n<button type=\"submit\">\(t["review_save", default: ""])</button> <output class=\"status\">"
            if let by = row.updatedBy { h += "\(t["review_saved_by", default: ""]) \(e(by))" }
            h += "</output>\n</form>\n"
        } else {
            h += "<p><strong>\(e(row.verdictLabel))</strong>"
            if !row.reason.isEmpty { h += " — \(e(row.reason))" }
            if let presence = row.presenceLabel { h += " · \(e(presence))" }
            h += "</p>\n"
        }
        h += "<p class=\"links\"><a href=\"/forums/\(s.forumID)/families/\(e(row.id))\">\(t["review_family_page", default: ""])</a>"
        if row.openChallenges > 0 { h += " · <strong>\(row.openChallenges) \(t["review_open_challenges", default: ""])</strong>" }
        h += "</p>\n</li>\n"
        return h
    }
}
