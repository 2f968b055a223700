import FKPCore
import FKPStore
import Hummingbird
import NIOCore

/// A place's current regions or families, downloaded in the import format, as `fkp export` writes
/// them: the file to revise in a spreadsheet and load again. Personal numbers whole for BPS staff
/// (each download of them logged, as `fkp export`'s), masked for anyone else who may export lists.
struct ListDownloadController {
    let regions: RegionRepository
    let exporter: ListExporter
    let securityLog: SecurityLog

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/regions/{code}/regions.csv", use: regionsFile)
        router.get("/regions/{code}/families.csv", use: familiesFile)
    }

    /// The place named in the path, once the person may export its lists.
    private func place(_ context: AppRequestContext) async throws -> RegionCode {
        guard let code = RegionCode.parse(try context.parameters.require("code")) else { throw HTTPError(.notFound) }
        try context.authorize(.exportLists, .region(code))
        guard try await regions.region(code) != nil else { throw HTTPError(.notFound) }
        return code
    }

    @Sendable func regionsFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try await place(context)
        let exporter = exporter
        return Response(status: .ok, headers: Self.headers(fileName: "regions-\(code.value).csv"), body: ExportSpool.body { append in
            try await Self.inPieces(to: append) { write in try await exporter.regions(under: code, write: write) }
        })
    }

    @Sendable func familiesFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try await place(context)
        guard let principal = context.principal else { throw LoginRequired() }
        let exporter = exporter, securityLog = securityLog, requestID = context.requestID
        let whole = principal.seesPersonalNumbers
        @Sendable func logWholeNumbersSent(_ subject: String) async throws {
            guard whole else { return }
            try await securityLog.recordPersonalDataAccess(username: principal.username, what: "kk_number, head_nik: download of families",
                                                           subjects: [subject], requestID: requestID)
        }
        return Response(status: .ok, headers: Self.headers(fileName: "families-\(code.value).csv"), body: ExportSpool.body { append in
            let count: Int
            do {
                count = try await Self.inPieces(to: append) { write in try await exporter.families(under: code, wholeNumbers: whole, write: write) }
            } catch {
                // Some rows may have reached the browser before it went away: logged too.
                try? await logWholeNumbersSent("region \(code.value) (stopped before its end)")
                throw error
            }
            try await logWholeNumbersSent("region \(code.value) (\(count) families)")
        })
    }

    static func headers(fileName: String) -> HTTPFields {
        [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(fileName)\"", .cacheControl: "no-store"]
    }

    /// The exporter's lines gathered into the spool's pieces: appended one by one, a million
    /// families were a million writes to its file.
    @discardableResult
    static func inPieces<Exported>(to append: @escaping @Sendable (ByteBuffer) async throws -> Void,
                                   _ export: (_ write: (String) async throws -> Void) async throws -> Exported) async throws -> Exported {
        var pending = ByteBuffer()
        let result = try await export { line in
            pending.writeString(line)
            if pending.readableBytes >= ExportSpool.pieceSize {
                try await append(pending)
                pending.clear()
            }
        }
        if pending.readableBytes > 0 { try await append(pending) }
        return result
    }
}
