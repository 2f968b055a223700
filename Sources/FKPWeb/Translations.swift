import Mustache

/// The catalogue as templates see it: `{{t.key}}`. A key missing from the catalogue renders as
/// `⟦key⟧`, visible on the page and caught by the catalogue test.
struct Translations: MustacheParent, Sendable {
    let language: Language

    func child(named key: String) -> Any? { self[key] }

    subscript(key: String) -> String { Messages.catalogue(language)[key] ?? "⟦\(key)⟧" }
}
