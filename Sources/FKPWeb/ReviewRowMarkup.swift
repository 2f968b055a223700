import FKPCore
import NIOCore

/// One family's card on the review page. The page lists up to a few hundred of them, and the
/// template engine spent about 0.3 ms per card looking fields up (a dynamic cast at each level of
/// its context stack, for some fifty fields); written here as bytes it costs a few microseconds.
/// Every value that is not a constant of this file is escaped by HTMLText, so the result is safe
/// to insert unescaped. The markup is the review template's, and ReviewPageTests read it.
enum ReviewRowMarkup {
    /// What all cards of a page share.
    struct Shared {
        let action: String
        let csrf: String
        let back: String
        let editable: Bool
        let forumID: Int64
        /// Carried by the link to a family's page, so a list shown as it stood leads to the family as it stood.
        let familyPageQuery: String
        /// The card's fixed words, escaped once per page.
        let membersShort, verdict, proposedGroup, reason, presence, movedTo, otherFamily, orderNote, save, savedBy, familyPage,
            openChallenges: String

        init(action: String, csrf: String, back: String, editable: Bool, forumID: Int64, historyAt: String?, t: Translations) {
            self.action = HTMLText.escape(action)
            familyPageQuery = historyAt.map { "?at=" + HTMLText.escape($0) } ?? ""
            self.csrf = HTMLText.escape(csrf)
            self.back = HTMLText.escape(back)
            self.editable = editable
            self.forumID = forumID
            let label = { HTMLText.escape(t[$0]) }
            membersShort = label("review_members_short")
            verdict = label("review_verdict")
            proposedGroup = label("review_proposed_group")
            reason = label("review_reason")
            presence = label("review_presence")
            movedTo = label("review_moved_to")
            otherFamily = label("review_other_family")
            orderNote = label("review_order_note")
            save = label("review_save")
            savedBy = label("review_saved_by")
            familyPage = label("review_family_page")
            openChallenges = label("review_open_challenges")
        }
    }

    /// Labels and option lists, built once per page: a card picks the variant it needs.
    struct Choices {
        let groupLabels: [WelfareGroup: String]
        let verdictLabels: [Verdict: String]
        let presenceLabels: [Presence: String]
        let verdictNone: String
        private let radios: [Verdict?: String]
        /// By `groupKey(own, chosen)`.
        private let groups: [Int: String]
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
            var groups: [Int: String] = [:]
            for own in WelfareGroup.allCases {
                for chosen in [nil] + WelfareGroup.allCases.map(Optional.some) {
                    groups[Self.groupKey(own, chosen)] =
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
        func groupOptions(own: WelfareGroup, chosen: WelfareGroup?) -> String { groups[Self.groupKey(own, chosen)] ?? "" }
        private static func groupKey(_ own: WelfareGroup, _ chosen: WelfareGroup?) -> Int { own.rawValue * 8 + (chosen?.rawValue ?? 0) }
        func presenceOptions(_ chosen: Presence) -> String { presences[chosen] ?? "" }
    }

    /// Writes the card into `out`: literal markup, values escaped on the way (HTMLText.write).
    static func write(_ row: ReviewPage.Row, _ s: Shared, into out: inout ByteBuffer) {
        func put(_ text: String) { out.writeString(text) }
        func escaped(_ text: String) { HTMLText.write(escaping: text, into: &out) }
        put("<li id=\"f-"); escaped(row.id); put("\" class=\"fam v-"); put(row.verdictClass); put("\">\n")
        put("<p class=\"who\" id=\"w-"); escaped(row.id); put("\"><b>"); put(String(row.number)); put("</b> "); escaped(row.name)
        put(" <small>"); escaped(row.address)
        put(" · "); put(String(row.members)); put(" "); put(s.membersShort); put(" · ")
        put("<span class=\"g"); put(String(row.group)); put("\">"); put(String(row.group)); put(" "); escaped(row.groupLabel)
        put("</span></small></p>\n")
        for line in row.sharedNumbers {
            put("<p class=\"shared\">"); escaped(line.label)
            for family in line.families {
                put(family.lead); put("<a href=\""); escaped(family.link); put("\">"); escaped(family.name); put("</a>")
            }
            put("</p>\n")
        }
        if s.editable {
            // Named by the family's line, so that a screen reader moving from field to field says whose verdict it is.
            put("<form method=\"post\" action=\""); put(s.action); escaped(row.id); put("\" class=\"verdict\" aria-labelledby=\"w-")
            escaped(row.id); put("\">\n")
            put("<input type=\"hidden\" name=\"csrf_token\" value=\""); put(s.csrf)
            put("\"><input type=\"hidden\" name=\"version\" value=\""); put(String(row.version)); put("\">")
            put("<input type=\"hidden\" name=\"back\" value=\""); put(s.back); put("\">\n")
            for error in row.errors { put("<p class=\"error\" role=\"alert\">"); escaped(error); put("</p>\n") }
            put("<fieldset class=\"v\"><legend>"); put(s.verdict); put("</legend>"); put(row.verdictsHTML); put("</fieldset>\n")
            put("<div class=\"nf\"><label>"); put(s.proposedGroup)
            put(" <select name=\"proposed_group\"><option value=\"\">–</option>"); put(row.groupsHTML); put("</select></label>\n")
            put("<label>"); put(s.reason); put(" <input name=\"reason\" value=\""); escaped(row.reason)
            put("\" maxlength=\"500\"></label></div>\n")
            put(row.detailsOpen ? "<details open><summary>" : "<details><summary>"); put(s.presence)
            if let presence = row.presenceLabel { put(": "); escaped(presence) }
            put("</summary>\n")
            put("<label>"); put(s.presence); put(" <select name=\"presence\">"); put(row.presencesHTML); put("</select></label>\n")
            put("<label>"); put(s.movedTo); put(" <input name=\"moved_to\" value=\""); escaped(row.movedTo)
            put("\" maxlength=\"500\"></label>\n")
            put("<label>"); put(s.otherFamily); put(" <input name=\"other_family\" value=\""); escaped(row.otherFamily)
            put("\" maxlength=\"32\"></label>\n")
            put("<label>"); put(s.orderNote); put(" <input name=\"order_note\" value=\""); escaped(row.orderNote)
            put("\" maxlength=\"500\"></label>\n")
            put("</details>\n<button type=\"submit\">"); put(s.save); put("</button> <output class=\"status\">")
            if let by = row.updatedBy { put(s.savedBy); put(" "); escaped(by) }
            put("</output>\n</form>\n")
        } else {
            put("<p><strong>"); escaped(row.verdictLabel); put("</strong>")
            if !row.reason.isEmpty { put(" — "); escaped(row.reason) }
            if let presence = row.presenceLabel { put(" · "); escaped(presence) }
            put("</p>\n")
        }
        put("<p class=\"links\"><a href=\"/forums/"); put(String(s.forumID)); put("/families/"); escaped(row.id); put(s.familyPageQuery); put("\">")
        put(s.familyPage); put("</a>")
        if row.openChallenges > 0 { put(" · <strong>"); put(String(row.openChallenges)); put(" "); put(s.openChallenges); put("</strong>") }
        put("</p>\n</li>\n")
    }
}
