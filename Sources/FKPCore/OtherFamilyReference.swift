/// How a person names the other family of a duplicate or a merger: by its family id, or as they
/// read it on the list in front of them, by its number in the same SLS list ("4", "no. 4"). The
/// number counts in `unit`, the SLS of the family being reviewed. Stored, it is always the id.
public struct OtherFamilyReference: Hashable, Sendable {
    /// What was typed, trimmed.
    public let typed: String
    public let unit: String

    public init(typed: String, unit: String) {
        self.typed = typed.trimmingWhitespace
        self.unit = unit
    }

    /// The row number typed, when the text is one: 1 to 9999, alone or after "no.", "no ", "nomor"
    /// or "#" (any case; not "no" and digits, which an id may be). An id that is such a text too is
    /// matched as an id first.
    public var rowNumber: Int? {
        var text = Substring(typed.lowercased())
        for prefix in ["nomor", "no.", "no ", "#"] where text.hasPrefix(prefix) {
            text = text.dropFirst(prefix.count).drop(while: { $0 == " " })
            break
        }
        guard (1...4).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text), number > 0 else {
            return nil
        }
        return number
    }
}

extension Review {
    /// What names the other family, for the family listed in `unit`; nil when nothing does.
    public func otherFamilyReference(unit: String) -> OtherFamilyReference? {
        let review = normalized
        guard review.presence.namesAnotherFamily, let typed = review.otherFamily else { return nil }
        return OtherFamilyReference(typed: typed, unit: unit)
    }

    /// The review with its other family given by the id that `named` found for what was typed;
    /// as typed when nothing was found (its problems then say so).
    public func namingOtherFamily(unit: String, _ named: [OtherFamilyReference: String]) -> Review {
        guard let reference = otherFamilyReference(unit: unit), let id = named[reference] else { return self }
        var review = self
        review.otherFamily = id
        return review
    }
}
