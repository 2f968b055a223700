import FKPCore
import FKPStore

extension ReviewPage {
    /// A card's note on the other families of the forum holding the same family card number or
    /// head's NIK: what is shared, and those families, each a link to its card.
    struct SharedNumberLine: Equatable {
        struct Family: Equatable {
            let name: String
            /// The other family's card on its unit's list.
            let link: String
        }

        let label: String
        /// None when the holders are only counted (the label says how many).
        let families: [Family]
    }

    /// A line for each kind of sharing, naming the others as the lists do ("4. Ohim Maryani", or
    /// with its unit when it is another's), or counting them when a number is held by many;
    /// never the number itself.
    static func sharedNumberLines(_ shared: ReviewRepository.NumbersShared?, forumID: Int64, unit: String, unitNames: [String: String],
                                  t: Translations) -> [SharedNumberLine] {
        guard let shared else { return [] }
        func named(_ other: ReviewRepository.SharedNumber) -> SharedNumberLine.Family {
            // The forum's unit listing it: its own, or the SLS above its sub-SLS. The whole list, unfiltered.
            let page = unitNames[other.unit] == nil ? String(other.unit.prefix(14)) : other.unit
            return .init(name: other.unit == unit ? "\(other.number). \(other.headName)"
                             : "\(other.headName) (\(unitNames[other.unit] ?? other.unit), no. \(other.number))",
                         link: "/forums/\(forumID)/units/\(page)#f-\(other.familyID)")
        }
        let kinds: [(key: String, holds: (ReviewRepository.SharedNumber) -> Bool)] = [
            ("review_shared_both", { $0.sameCard && $0.sameNIK }),
            ("review_shared_card", { $0.sameCard && !$0.sameNIK }),
            ("review_shared_nik", { !$0.sameCard && $0.sameNIK }),
        ]
        let lines = kinds.compactMap { kind in
            let families = shared.named.filter(kind.holds).map(named)
            return families.isEmpty ? nil : SharedNumberLine(label: t[kind.key], families: families)
        }
        let counted = [("review_shared_card_many", shared.othersWithCard), ("review_shared_nik_many", shared.othersWithNIK)]
            .filter { $0.1 > 0 }.map { SharedNumberLine(label: t.filling($0.0, ["count": String($0.1)]), families: []) }
        return lines + counted
    }
}
