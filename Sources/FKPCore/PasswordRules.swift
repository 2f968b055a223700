/// What a password must be: at least 10 characters, and not one of the passwords everyone tries.
public enum PasswordRules {
    public static let minimumLength = 10

    public enum Problem: Sendable, Equatable { case tooShort, tooCommon, sameAsUsername }

    public static func check(_ password: String, username: String) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        let folded = password.lowercased()
        if folded == username.lowercased() || folded.contains(username.lowercased()) && username.count >= 4 { return .sameAsUsername }
        let stripped = String(folded.filter { !$0.isNumber && !"!@#$%^&*._-".contains($0) })
        if commonPasswords.contains(folded) || commonWords.contains(stripped) || Set(folded).count <= 2 { return .tooCommon }
        return nil
    }

    /// Passwords of ten or more characters at the top of public breach lists, and local favourites.
    static let commonPasswords: Set<String> = [
        "1234567890", "12345678910", "123456789012", "0987654321", "1111111111", "1234512345", "1q2w3e4r5t",
        "qwertyuiop", "qwerty12345", "password12", "password123", "password1234", "iloveyou12", "abcdefghij",
        "abc1234567", "asdfghjkl1", "1qaz2wsx3edc", "zaq12wsxcde", "passw0rd123", "administrator", "admin12345",
        "bismillah1", "bismillah123", "indonesia1", "indonesia123", "jakarta123", "sayang1234", "rahasia123",
        "merdeka1945", "garuda1234", "12341234", "sandiku123", "katasandi1", "katasandi123",
    ]

    /// Words that, with digits and symbols stripped, make a guessable password.
    static let commonWords: Set<String> = [
        "password", "passw", "qwerty", "qwertyuiop", "admin", "administrator", "letmein", "welcome", "iloveyou",
        "bismillah", "indonesia", "jakarta", "sayang", "rahasia", "katasandi", "sandi", "merdeka", "garuda",
        "bpsbps", "regsosek", "fkp", "",
    ]
}
