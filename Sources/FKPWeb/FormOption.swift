import FKPCore
import Mustache

/// One choice of a select, radio group or filter as templates show it.
struct FormOption: MustacheParent {
    let value: String
    let label: String
    var selected = false

    // Templates read fields by name; answering directly avoids a reflection scan per lookup.
    func child(named key: String) -> Any? {
        switch key {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}

extension FormOption {
    /// Welfare groups to choose from, labelled "2 Miskin".
    static func groups(_ groups: [WelfareGroup] = WelfareGroup.allCases, selected: WelfareGroup?, _ t: Translations) -> [FormOption] {
        groups.map { FormOption(value: "\($0.rawValue)", label: t.group($0), selected: selected == $0) }
    }

    /// Roles the person may give an account, by their catalogue names.
    static func roles(grantableBy principal: Principal, selected: String?, _ t: Translations) -> [FormOption] {
        AccessPolicy.grantableRoles(principal).map { FormOption(value: $0.rawValue, label: t["role_\($0.rawValue)"], selected: $0.rawValue == selected) }
    }

    static func presences(_ presences: [Presence] = Presence.allCases, selected: Presence?, _ t: Translations) -> [FormOption] {
        presences.map { FormOption(value: $0.rawValue, label: t.presence($0), selected: selected == $0) }
    }
}

