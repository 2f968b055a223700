import FKPCore
import FKPStore
import Foundation

/// What the re-ranking template shows: the regency's runs with their hashes and downloads, the
/// forums not yet closed, and the button that runs the rule.
struct RerankPage {
    struct Run {
        let id: Int64
        let kind: String
        let provisional: Bool
        let when: String
        let by: String
        let ranked: String
        let removed: String
        let inputs: String
        let output: String
    }
    struct Village { let villageCode: String; let villageName: String }

    let code: String
    let name: String
    let runs: [Run]
    let hasRuns: Bool
    /// The families lists loaded since the latest run, which it does not hold: "batch 4, desa-dua.csv, ...".
    let loadedSince: [String]
    let hasLoadedSince: Bool
    let latestRunID: Int64?
    let villages: [Village]
    let openForums: [Int64]
    let hasOpenForums: Bool
    let refused: Bool
    let mayRun: Bool
    let csrf: String

    init(regency: Region, runs: [RerankRepository.Run], loadedSince: [(id: Int64, fileName: String, createdAt: Date)], villages: [Region],
         openForums: [Int64], refused: Bool, mayRun: Bool, csrf: String, language: Language) {
        let t = Translations(language: language)
        code = regency.code.value
        name = regency.name
        self.runs = runs.map {
            Run(id: $0.id, kind: t[$0.provisional ? "rerank_provisional" : "rerank_final"], provisional: $0.provisional,
                when: IndonesianTime.format($0.createdAt, at: regency.code, languageCode: language.rawValue), by: $0.createdBy,
                ranked: t.number($0.familyCount), removed: t.number($0.removedCount), inputs: ChainHead.blocks($0.inputsSHA256),
                output: ChainHead.blocks($0.outputSHA256))
        }
        hasRuns = !runs.isEmpty
        self.loadedSince = loadedSince.map { batch in
            t.filling("rerank_loaded_batch", ["batch": "\(batch.id)", "file": batch.fileName,
                                              "when": IndonesianTime.format(batch.createdAt, at: regency.code, languageCode: language.rawValue)])
        }
        hasLoadedSince = !loadedSince.isEmpty
        latestRunID = runs.first?.id
        self.villages = villages.map { Village(villageCode: $0.code.value, villageName: $0.name) }
        self.openForums = openForums
        hasOpenForums = !openForums.isEmpty
        self.refused = refused
        self.mayRun = mayRun
        self.csrf = csrf
    }
}

/// The printable final list of one village, from one run.
struct FinalListPage {
    struct Line {
        let rank: Int
        let name: String
        let id: String
        let unit: String
        let preliminary: String
        let final: String
        let change: String
        let reason: String?
    }

    let regencyCode: String
    let villageName: String
    let villageCode: String
    let runID: Int64
    let provisional: Bool
    let output: String
    let lines: [Line]

    init(regency: Region, village: Region, run: RerankRepository.Run, entries: [Reranking.Entry], language: Language) {
        let t = Translations(language: language)
        regencyCode = regency.code.value
        villageName = village.name
        villageCode = village.code.value
        runID = run.id
        provisional = run.provisional
        output = ChainHead.blocks(run.outputSHA256)
        lines = entries.map { e in
            Line(rank: e.rank, name: e.headName, id: e.familyID ?? "+\(e.addedFamilyID ?? 0)", unit: e.slsCode,
                 preliminary: e.preliminaryGroup.map { String($0.rawValue) } ?? "–", final: String(e.finalGroup.rawValue),
                 change: (e.changes.map { t["final_change_\($0.rawValue)"] } + e.flags.map { t["final_flag_\($0.rawValue)"] })
                    .joined(separator: ", "),
                 reason: e.reason.isEmpty ? nil : e.reason)
        }
    }
}
