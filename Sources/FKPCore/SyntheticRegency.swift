/// A deterministic synthetic regency: districts, villages, SLS units and their ranked families.
/// The same parameters and seed always give the same places, names, numbers and scores.
public struct SyntheticRegency: Sendable {
    public struct Parameters: Sendable {
        public var regency: RegionCode
        public var villages: Int
        public var families: Int
        public var unitsPerVillage: Int
        public var seed: UInt64

        public init(regency: RegionCode, villages: Int, families: Int, unitsPerVillage: Int = 5, seed: UInt64) {
            self.regency = regency
            self.villages = villages
            self.families = families
            self.unitsPerVillage = unitsPerVillage
            self.seed = seed
        }
    }

    public let regions: [Region]
    public let families: [PreliminaryFamily]

    /// Shares of the four groups in a typical poorer regency: 8%, 14%, 23%, and the rest.
    static let groupBands: [(group: WelfareGroup, upTo: Double, scores: ClosedRange<Double>)] = [
        (.veryPoor, 0.08, 0.0...8.0), (.poor, 0.22, 8.0...22.0), (.vulnerable, 0.45, 22.0...45.0), (.notPoor, 1.0, 45.0...100.0),
    ]

    /// District numbers are 010 to 990 (99 districts), village numbers 001 to 999, unit numbers up to 9999.
    public static let maximumVillages = 99 * 999
    public static let maximumUnitsPerVillage = 9999

    public init(_ p: Parameters) {
        precondition(p.regency.level == .regency && (1...Self.maximumVillages).contains(p.villages) && p.families >= 0
                     && (1...Self.maximumUnitsPerVillage).contains(p.unitsPerVillage))
        var random = SeededRandom(seed: p.seed)
        let province = p.regency.parent!
        var regions: [Region] = [
            Region(code: province, name: "Provinsi \(Self.provinceName(province))"),
            Region(code: p.regency, name: p.regency.isCity ? "Kota Contoh \(p.regency.value)" : "Kabupaten Contoh \(p.regency.value)"),
        ]
        var units: [RegionCode] = []
        // Three villages a district for small regencies; more when 99 districts would not hold them.
        let villagesPerDistrict = max(3, (p.villages + 98) / 99)
        for v in 0..<p.villages {
            let district = try! RegionCode(p.regency.value + Self.digits(v / villagesPerDistrict * 10 + 10, 3))
            if v % villagesPerDistrict == 0 {
                regions.append(Region(code: district, name: "Kecamatan \(random.pick(SyntheticNames.places))"))
            }
            let village = try! RegionCode(district.value + Self.digits(v % villagesPerDistrict + 1, 3))
            regions.append(Region(code: village, name: "Desa \(random.pick(SyntheticNames.places)) \(["Jaya", "Mulya", "Sari", "Makmur"][v % 4])"))
            for u in 0..<p.unitsPerVillage {
                let unit = try! RegionCode(village.value + Self.digits(u + 1, 4))
                let isNonSLS = u == p.unitsPerVillage - 1 && p.unitsPerVillage > 3
                let name = isNonSLS ? "Non-SLS Pondok Pesantren" : "RT \(Self.digits(u % 4 + 1, 3)) / RW \(Self.digits(u / 4 + 1, 3))"
                regions.append(Region(code: unit, name: name, isNonSLS: isNonSLS))
                units.append(unit)
            }
        }
        var families: [PreliminaryFamily] = []
        families.reserveCapacity(p.families)
        // Each family card number and NIK given once, as real ones are: two families sharing one is
        // something a load says (a duplicate row), which a synthetic list should not have by chance.
        var numbersGiven = Set<UInt64>()
        for n in 0..<p.families {
            let unit = units[Int(random.next() % UInt64(units.count))]
            families.append(Self.family(number: n + 1, unit: unit, regency: p.regency, random: &random, numbersGiven: &numbersGiven))
        }
        self.regions = regions
        self.families = families
    }

    static func family(number: Int, unit: RegionCode, regency: RegionCode, random: inout SeededRandom,
                       numbersGiven: inout Set<UInt64>) -> PreliminaryFamily {
        let female = random.unit() < 0.2
        let given = random.pick(female ? SyntheticNames.female : SyntheticNames.male)
        let name = random.unit() < 0.25 ? given : "\(given) \(random.pick(SyntheticNames.second))"
        let place = random.pick(SyntheticNames.places)
        let address = random.unit() < 0.5
            ? "Kp. \(place) RT \(digits(Int(unit.value.suffix(2)) ?? 1, 3))"
            : "\(random.pick(SyntheticNames.streets)) No. \(random.int(1...120)), \(place)"
        let draw = random.unit()
        let band = groupBands.first { draw < $0.upTo } ?? groupBands[3]
        let score = band.scores.lowerBound + random.unit() * (band.scores.upperBound - band.scores.lowerBound)
        let area = String(unit.value.prefix(6))
        let day = random.int(1...28) + (female ? 40 : 0)
        let birth = digits(day, 2) + digits(random.int(1...12), 2) + digits(random.int(40...99), 2)
        let issued = digits(random.int(0...999_999), 6)
        /// `prefix` and a serial number not given before (drawn again while it was).
        func unused(_ prefix: String) -> String {
            while true {
                let number = prefix + digits(random.int(1...9999), 4)
                if numbersGiven.insert(UInt64(number)!).inserted { return number }
            }
        }
        return PreliminaryFamily(
            id: regency.value + digits(number, 8),
            slsCode: unit, headName: name, address: address, members: random.int(1...7),
            welfareGroup: band.group, welfareScore: decimal(score, places: 4),
            kkNumber: unused(area + issued), headNIK: unused(area + birth))
    }

    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        return "\(scaled / scale).\(digits(scaled % scale, places))"
    }

    static func provinceName(_ code: RegionCode) -> String {
        ["11": "Aceh", "31": "DKI Jakarta", "32": "Jawa Barat", "33": "Jawa Tengah", "35": "Jawa Timur",
         "52": "Nusa Tenggara Barat", "53": "Nusa Tenggara Timur", "73": "Sulawesi Selatan"][code.value] ?? "Contoh \(code.value)"
    }
}
