import FKPCore
import FKPStore

/// A note on the other families of the forum holding the same family card number or head's NIK
/// as a family: what is shared, and those families, each a link to its card. The review card, the
/// family's page and the print show it.
struct SharedNumberLine: Equatable {
    struct Family: Equatable {
        /// What comes before it: ": " for the first, "; " for the others.
        let lead: String
        let name: String
        /// The other family's card on its unit's list.
        let link: String
    }

    let label: String
    /// None when the holders are only counted (the label says how many).
    let families: [Family]

    /// The line as plain text, for paper.
    var text: String { label + families.map { $0.lead + $0.name }.joined() }

    /// A line for each kind of sharing, naming the others as the lists do ("4. Ohim Maryani", or
    /// with its unit when it is another's), or counting them when a number is held by many;
    /// never the number itself.
    static func lines(_ shared: ReviewRepository.NumbersShared?, forum: ForumSummary, unit: String, t: Translations) -> [SharedNumberLine] {
        guard let shared else { return [] }
        func named(_ index: Int, _ other: ReviewRepository.SharedNumber) -> Family {
            return .init(lead: index == 0 ? ": " : "; ",
                         name: forum.familyName(number: other.number, headName: other.headName, unit: other.unit, seenFrom: unit),
                         // The whole list holding it, unfiltered.
                         link: "/forums/\(forum.id)/units/\(forum.unit(listing: other.unit)?.code.value ?? other.unit)#f-\(other.familyID)")
        }
        let kinds: [(key: String, holds: (ReviewRepository.SharedNumber) -> Bool)] = [
            ("review_shared_both", { $0.sameCard && $0.sameNIK }),
            ("review_shared_card", { $0.sameCard && !$0.sameNIK }),
            ("review_shared_nik", { !$0.sameCard && $0.sameNIK }),
        ]
        let lines = kinds.compactMap { kind in
            let families = shared.named.filter(kind.holds).enumerated().map(named)
            return families.isEmpty ? nil : SharedNumberLine(label: t[kind.key], families: families)
        }
        let counted = [("review_shared_card_many", shared.othersWithCard), ("review_shared_nik_many", shared.othersWithNIK)]
            .filter { $0.1 > 0 }.map { SharedNumberLine(label: t.filling($0.0, ["count": String($0.1)]), families: []) }
        return lines + counted
    }
}
