/// What the SLS head says of a family's preliminary group.
public enum Verdict: String, CaseIterable, Sendable {
    /// sesuai: the group fits.
    case fits = "sesuai"
    /// tidak sesuai: it does not; a proposed group and a reason are required.
    case doesNotFit = "tidak_sesuai"
    /// tidak berpendapat: the head cannot judge (the family is unknown to them).
    case cannotJudge = "tidak_berpendapat"
}
