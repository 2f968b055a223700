import FKPCore

extension ForumSummary {
    /// A family of the forum as a page about a row of unit `seenFrom` names it: "4. Ohim Maryani"
    /// on the same list, "Ohim Maryani (RT 002, no. 1)" on another (a unit of the forum by its
    /// name, a sub-SLS by its code, since its families are numbered apart on their SLS's list).
    func familyName(number: Int, headName: String, unit: String, seenFrom: String) -> String {
        guard unit != seenFrom else { return "\(number). \(headName)" }
        let unitName = self.unit(listing: unit).flatMap { $0.code.value == unit ? $0.name : nil } ?? unit
        return "\(headName) (\(unitName), no. \(number))"
    }
}
