/// What an import does to places beyond its counts, the part a person must see: the units that lose
/// families, and the places a regions file renames or marks otherwise. A check says it before the
/// load; the batch keeps it (`fkp.import_batches.places_changed`, in its audit entry), so that its
/// page, and the command that loaded it, say it after.
public struct ChangedPlaces: Sendable, Equatable, KeptAsJSON {
    /// The units whose families the file removes, most first (at most ten).
    public var removals: [UnitFamilies] = []
    /// The units the file does not list whose families it moves into the units it lists, most first
    /// (at most ten). Ids that clash with another place's are taken so.
    public var takenFromUnitsNotListed: [UnitFamilies] = []
    /// For a regions file, the places it renames or marks otherwise, in code order (at most ten): a
    /// name column shifted or filled wrongly shows here before it renames a regency.
    public var placeChanges: [PlaceChange] = []

    public init() {}

    /// How many families of one unit a families file removes, or takes from it.
    public struct UnitFamilies: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var families: Int

        public init(code: String, name: String, families: Int) {
            self.code = code
            self.name = name
            self.families = families
        }
    }

    /// A place a regions file changes: its name as it was, and what the file changes: the name it
    /// gives (nil: the same), the Non-SLS mark it gives (nil: the same).
    public struct PlaceChange: Sendable, Equatable, Codable {
        public var code: String
        public var name: String
        public var newName: String?
        public var nonSLS: Bool?

        public init(code: String, name: String, newName: String?, nonSLS: Bool?) {
            self.code = code
            self.name = name
            self.newName = newName
            self.nonSLS = nonSLS
        }

        // The stored document's names, as the database's columns are named.
        enum CodingKeys: String, CodingKey { case code, name, newName = "new_name", nonSLS = "non_sls" }
    }

    enum CodingKeys: String, CodingKey {
        case removals, takenFromUnitsNotListed = "taken_from_units_not_listed", placeChanges = "place_changes"
    }

    // A list left empty is left out: a first load's batch keeps `{}`, as one loaded before places were kept.
    public init(from decoder: any Decoder) throws {
        let lists = try decoder.container(keyedBy: CodingKeys.self)
        removals = try lists.decodeIfPresent([UnitFamilies].self, forKey: .removals) ?? []
        takenFromUnitsNotListed = try lists.decodeIfPresent([UnitFamilies].self, forKey: .takenFromUnitsNotListed) ?? []
        placeChanges = try lists.decodeIfPresent([PlaceChange].self, forKey: .placeChanges) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var lists = encoder.container(keyedBy: CodingKeys.self)
        if !removals.isEmpty { try lists.encode(removals, forKey: .removals) }
        if !takenFromUnitsNotListed.isEmpty { try lists.encode(takenFromUnitsNotListed, forKey: .takenFromUnitsNotListed) }
        if !placeChanges.isEmpty { try lists.encode(placeChanges, forKey: .placeChanges) }
    }
}
