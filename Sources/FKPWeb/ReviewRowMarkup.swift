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
        let t: Translations
    }

    static func html(_ row: ReviewPage.Row, _ s: Shared) -> String {
        let e = HTMLText.escape
        let t = s.t
        var h = "<li id=\"f-\(e(row.id))\" class=\"fam v-\(row.verdictClass)\">\n"
        h += "<p class=\"who\"><b>\(row.number)</b> \(e(row.name)) <small>\(e(row.address)) · \(row.members) \(e(t["review_members_short"])) · "
        h += "<span class=\"g\(row.group)\">\(row.group) \(e(row.groupLabel))</span></small></p>\n"
        if s.editable {
            h += "<form method=\"post\" action=\"\(e(s.action))\(e(row.id))\" class=\"verdict\">\n"
            h += "<input type=\"hidden\" name=\"csrf_token\" value=\"\(e(s.csrf))\"><input type=\"hidden\" name=\"version\" value=\"\(row.version)\">"
            h += "<input type=\"hidden\" name=\"back\" value=\"\(e(s.back))\">\n"
            for error in row.errors { h += "<p class=\"error\" role=\"alert\">\(e(error))</p>\n" }
            h += "<fieldset class=\"v\"><legend>\(e(t["review_verdict"]))</legend>\(row.verdictsHTML)</fieldset>\n"
            h += "<div class=\"nf\"><label>\(e(t["review_proposed_group"])) <select name=\"proposed_group\"><option value=\"\">–</option>"
            h += "\(row.groupsHTML)</select></label>\n"
            h += "<label>\(e(t["review_reason"])) <input name=\"reason\" value=\"\(e(row.reason))\" maxlength=\"500\"></label></div>\n"
            h += "<details\(row.detailsOpen ? " open" : "")><summary>\(e(t["review_presence"]))"
            if let presence = row.presenceLabel { h += ": \(e(presence))" }
            h += "</summary>\n"
            h += "<label>\(e(t["review_presence"])) <select name=\"presence\">\(row.presencesHTML)</select></label>\n"
            h += "<label>\(e(t["review_moved_to"])) <input name=\"moved_to\" value=\"\(e(row.movedTo))\" maxlength=\"500\"></label>\n"
            h += "<label>\(e(t["review_other_family"])) <input name=\"other_family\" value=\"\(e(row.otherFamily))\" maxlength=\"32\"></label>\n"
            h += "<label>\(e(t["review_order_note"])) <input name=\"order_note\" value=\"\(e(row.orderNote))\" maxlength=\"500\"></label>\n"
            h += "</details>\n<button type=\"submit\">\(e(t["review_save"]))</button> <output class=\"status\">"
            if let by = row.updatedBy { h += "\(e(t["review_saved_by"])) \(e(by))" }
            h += "</output>\n</form>\n"
        } else {
            h += "<p><strong>\(e(row.verdictLabel))</strong>"
            if !row.reason.isEmpty { h += " — \(e(row.reason))" }
            if let presence = row.presenceLabel { h += " · \(e(presence))" }
            h += "</p>\n"
        }
        h += "<p class=\"links\"><a href=\"/forums/\(s.forumID)/families/\(e(row.id))\">\(e(t["review_family_page"]))</a>"
        if row.openChallenges > 0 { h += " · <strong>\(row.openChallenges) \(e(t["review_open_challenges"]))</strong>" }
        h += "</p>\n</li>\n"
        return h
    }
}
