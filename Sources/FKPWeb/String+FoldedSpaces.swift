extension String {
    /// Each run of spaces, also of no-break spaces and tabs (text pasted from a web page or a word
    /// processor has them), as one plain space, and none at either end: a name searched for is
    /// found however its spaces were typed or stored.
    var foldingSpaces: String {
        let plain = unicodeScalars.allSatisfy { !$0.properties.isWhitespace || $0 == " " }
        if plain, !contains("  "), first != " ", last != " " { return self }
        return split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
