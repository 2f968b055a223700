/// A letter typed among a number's digits: an O for a zero, an l or an I for a one, as a number
/// copied by hand from a card or a printed list comes. Named by its place, since a personal
/// number is shown masked and a long code is hard to read letter by letter.
enum LetterAmongDigits {
    /// For a number of one of `lengths` holding one or two letters among its digits, the problem
    /// naming the first letter by its place from 1; nil otherwise.
    static func problem(in text: String, lengths: Set<Int>) -> ImportProblem.Kind? {
        let characters = Array(text)
        let letters = characters.indices.filter { characters[$0].asciiValue.map(SpreadsheetDamage.isDigit) != true }
        guard lengths.contains(characters.count), (1...2).contains(letters.count), let first = letters.first,
              letters.allSatisfy({ characters[$0].isLetter }) else { return nil }
        return .letterAmongDigits(position: first + 1, letter: String(characters[first]), length: characters.count)
    }
}
