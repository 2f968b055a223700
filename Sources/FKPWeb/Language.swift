/// The two languages of the interface; Bahasa Indonesia first.
public enum Language: String, Sendable, CaseIterable {
    case indonesian = "id"
    case english = "en"

    /// From a `lang` query value or cookie; anything else is not a language we speak.
    public init?(code: String?) {
        guard let code, let language = Language(rawValue: code.lowercased()) else { return nil }
        self = language
    }

    public var other: Language { self == .indonesian ? .english : .indonesian }
}
