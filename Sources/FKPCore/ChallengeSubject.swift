/// The row of a forum's list a challenge is about: a family of the preliminary list, or a family
/// the forum added because it was missing from the list.
public enum ChallengeSubject: Sendable, Hashable {
    case listed(familyID: String)
    case added(id: Int64)
}
