import FKPCore
import FKPStore

extension ReviewPage {
    /// What a card says of the other families of the forum holding the same family card number or
    /// head's NIK: a line for each kind of sharing, naming them as the lists do ("4. Ohim Maryani",
    /// or with its unit when it is another's), or counting them when a number is held by many;
    /// never the number itself.
    static func sharedNumberLines(_ shared: ReviewRepository.NumbersShared?, unit: String, unitNames: [String: String],
                                  t: Translations) -> [String] {
        guard let shared else { return [] }
        func named(_ other: ReviewRepository.SharedNumber) -> String {
            other.unit == unit ? "\(other.number). \(other.headName)"
                : "\(other.headName) (\(unitNames[other.unit] ?? other.unit), no. \(other.number))"
        }
        let kinds: [(key: String, holds: (ReviewRepository.SharedNumber) -> Bool)] = [
            ("review_shared_both", { $0.sameCard && $0.sameNIK }),
            ("review_shared_card", { $0.sameCard && !$0.sameNIK }),
            ("review_shared_nik", { !$0.sameCard && $0.sameNIK }),
        ]
        let lines = kinds.compactMap { kind in
            let names = shared.named.filter(kind.holds).map(named)
            return names.isEmpty ? nil : "\(t[kind.key]): \(names.joined(separator: "; "))"
        }
        let counted = [("review_shared_card_many", shared.othersWithCard), ("review_shared_nik_many", shared.othersWithNIK)]
            .filter { $0.1 > 0 }.map { t.filling($0.0, ["count": String($0.1)]) }
        return lines + counted
    }
}
