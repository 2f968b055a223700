import Mustache

// swift-mustache finds a field by reflecting over every stored property at each lookup (and a
// miss walks up through every enclosing object); with 150 families the review page took 300 ms.
// These view-models answer by name instead, and the family cards are built by ReviewRowMarkup.
// ReviewPageTemplateTests checks that every stored property is answered.

extension ReviewPage: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "forumID": forumID
        case "forumTitle": forumTitle
        case "unitName": unitName
        case "unitCode": unitCode
        case "action": action
        case "back": back
        case "cards": cards
        case "hasCards": hasCards
        case "total": total
        case "shown": shown
        case "summary": summary
        case "filterVerdicts": filterVerdicts
        case "filterGroups": filterGroups
        case "filterName": filterName
        case "filtered": filtered
        case "editable": editable
        case "readOnlyNote": readOnlyNote
        case "historyNotice": historyNotice
        case "historyAt": historyAt
        case "csrf": csrf
        case "error": error
        case "addedRows": addedRows
        case "addErrors": addErrors
        case "addName": addName
        case "addAddress": addAddress
        case "addMembers": addMembers
        case "addReason": addReason
        case "addPresences": addPresences
        case "addGroups": addGroups
        default: nil
        }
    }
}

extension SummaryTable: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "lines": lines
        case "totalBefore": totalBefore
        case "totalAfter": totalAfter
        case "leaving": leaving
        case "added": added
        case "reviewed": reviewed
        case "hasLeaving": hasLeaving
        case "hasAdded": hasAdded
        default: nil
        }
    }
}

extension SummaryTable.Line: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "before": before
        case "after": after
        default: nil
        }
    }
}

extension SummaryTable.Count: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "count": count
        default: nil
        }
    }
}

extension ReviewPage.AddedRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "version": version
        case "name": name
        case "address": address
        case "members": members
        case "presence": presence
        case "group": group
        case "reason": reason
        case "withdrawn": withdrawn
        case "mayWithdraw": mayWithdraw
        case "openChallenges": openChallenges
        default: nil
        }
    }
}

extension PageRenderer.Layout: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "t": t
        case "lang": lang
        case "title": title
        case "switchLanguageURL": switchLanguageURL
        case "requestID": requestID
        case "user": user
        case "csrf": csrf
        case "canSeeUsers": canSeeUsers
        case "canImport": canImport
        case "canAudit": canAudit
        case "hasOwnForums": hasOwnForums
        case "content": content
        default: nil
        }
    }
}
