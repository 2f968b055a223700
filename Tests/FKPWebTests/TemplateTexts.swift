import FKPTestSupport
import Foundation

/// The text of every page template, for tests that look into what the pages hold.
enum TemplateTexts {
    static func all() throws -> [String] {
        let folder = TestPostgres.packageRoot + "/templates"
        return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".mustache") }.sorted()
            .map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
    }
}
