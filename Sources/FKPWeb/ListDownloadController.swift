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
        let exporter = exporter, requestID = context.requestID
        let reader = principal.seesPersonalNumbers ? principal.username : nil
        return Response(status: .ok, headers: Self.headers(fileName: "families-\(code.value).csv"), body: ExportSpool.body { append in
            try await Self.inPieces(to: append) { write in
                _ = try await exporter.families(under: code, wholeNumbersFor: reader, how: "download", requestID: requestID, write: write)
            }
        })
    }

    static func headers(fileName: String) -> HTTPFields {
        [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(fileName)\"", .cacheControl: "no-store"]
    }

    /// The exporter's lines gathered into the spool's pieces: appended one by one, a million
    /// families were a million writes to its file.
    static func inPieces(to append: @escaping @Sendable (ByteBuffer) async throws -> Void,
                         _ export: (_ write: (String) async throws -> Void) async throws -> Void) async throws {
        var pending = ByteBuffer()
        try await export { line in
            pending.writeString(line)
            if pending.readableBytes >= ExportSpool.pieceSize {
                try await append(pending)
                pending.clear()
            }
        }
        if pending.readableBytes > 0 { try await append(pending) }
    }
}
