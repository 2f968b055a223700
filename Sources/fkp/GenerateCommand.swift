import ArgumentParser
import FKPCore
import Foundation

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic regency (regions.csv and families.csv), the same for the same seed.")

    @Option(help: "Regency code, 4 digits.") var regency: String
    @Option(help: "Number of villages.") var villages: Int = 4
    @Option(help: "Number of families.") var families: Int = 2000
    @Option(help: "Units (SLS) per village.") var unitsPerVillage: Int = 5
    @Option(help: "Seed of the generator.") var seed: UInt64 = 2023
    @Option(help: "Folder to write regions.csv and families.csv into.") var out: String

    func run() async throws {
        try await CommandSupport.reportingFailures {
            let code = try CommandSupport.regionCode(regency, option: "--regency", level: .regency)
            guard (1...SyntheticRegency.maximumVillages).contains(villages) else {
                throw ValidationError("--villages must be from 1 to \(SyntheticRegency.maximumVillages)")
            }
            guard (1...SyntheticRegency.maximumUnitsPerVillage).contains(unitsPerVillage) else {
                throw ValidationError("--units-per-village must be from 1 to \(SyntheticRegency.maximumUnitsPerVillage)")
            }
            guard families >= 0 else { throw ValidationError("--families must not be negative") }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), !isFolder.boolValue {
                throw ValidationError("--out \(out) is a file; name a folder")
            }
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw ValidationError("--out \(out): cannot create the folder")
            }
            let generated = SyntheticRegency(.init(regency: code, villages: villages, families: families,
                                                   unitsPerVillage: unitsPerVillage, seed: seed))
            for (name, text) in [("regions.csv", generated.regionsCSV), ("families.csv", generated.familiesCSV)] {
                do { try text.write(toFile: out + "/" + name, atomically: true, encoding: .utf8) } catch {
                    throw ValidationError("cannot write \(out)/\(name)")
                }
            }
            CommandSupport.say("Wrote \(generated.regions.count) regions and \(generated.families.count) families to \(out).")
        }
    }
}
