/// A latitude or longitude written as a map or a person shows it rather than in decimal degrees:
/// with a degree sign, a direction (`6.5 S`, and in Indonesian `6,5° LS`, lintang selatan, or
/// `106,8° BT`, bujur timur), or in degrees, minutes and seconds (`6°30'15"S`). Read so that the
/// problem can say the value to write.
enum CoordinateText {
    /// The value in decimal degrees, south and west negative (`-6.504167`), or nil when `text` is
    /// not a coordinate written so.
    static func decimalDegrees(_ text: String) -> String? {
        var rest = Substring(text.uppercased())
        var negative = false
        var marked = false  // a degree sign, a direction or minutes: what tells a coordinate written otherwise
        for (direction, isNegative) in directions {
            if rest.hasSuffix(direction) {
                rest = rest.dropLast(direction.count)
            } else if rest.hasPrefix(direction) {
                rest = rest.dropFirst(direction.count)
            } else {
                continue
            }
            negative = isNegative
            marked = true
            break
        }
        rest = rest.drop { $0 == " " }
        if rest.first == "-" {
            if marked && !negative { return nil }  // `-6.5 N`: two directions that disagree
            negative = true
            rest = rest.dropFirst()
        }
        var numbers: [Double] = []
        var number = ""
        for character in rest + " " {
            if character.isASCII, character.isNumber || (character == "." || character == ",") && !number.isEmpty {
                number.append(character == "," ? "." : character)
            } else {
                if !number.isEmpty {
                    guard let value = Double(number) else { return nil }
                    numbers.append(value)
                    number = ""
                }
                guard " °º'′\"″".contains(character) else { return nil }
                if character != " " { marked = true }
            }
        }
        guard marked, (1...3).contains(numbers.count), numbers.dropFirst().allSatisfy({ $0 < 60 }) else { return nil }
        let degrees = numbers.enumerated().reduce(0.0) { sum, part in sum + part.element / [1.0, 60, 3600][part.offset] }
        var written = String((degrees * 1_000_000).rounded() / 1_000_000)
        if written.hasSuffix(".0") { written.removeLast(2) }
        return negative ? "-" + written : written
    }

    /// Both coordinates of a place in one value, as a map copies them (`-6.595038, 106.816635`, or a
    /// space or a semicolon between them), either first; nil unless each is a plain decimal inside
    /// Indonesia, one a latitude and the other a longitude.
    static func pair(_ text: String) -> (latitude: String, longitude: String)? {
        let parts = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " })
        guard parts.count == 2 else { return nil }
        let numbers = parts.map(String.init)
        guard numbers.allSatisfy({ FamilyCSV.decimalProblem($0) == nil }), let first = Double(numbers[0]), let second = Double(numbers[1])
        else { return nil }
        if FamilyCSV.latitudes.contains(first), FamilyCSV.longitudes.contains(second) { return (numbers[0], numbers[1]) }
        if FamilyCSV.longitudes.contains(first), FamilyCSV.latitudes.contains(second) { return (numbers[1], numbers[0]) }
        return nil
    }

    /// Longest first, so that `LS` is not read as `S`.
    private static let directions: [(String, Bool)] = [("LS", true), ("LU", false), ("BT", false), ("BB", true),
                                                       ("S", true), ("N", false), ("E", false), ("W", true)]
}
