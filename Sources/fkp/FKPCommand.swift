import ArgumentParser

@main
struct FKPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fkp",
        abstract: "The FKP server: public consultation forums on the preliminary welfare ranking.",
        subcommands: [DemoCommand.self, ServeCommand.self, MigrateCommand.self, UserCommand.self, ImportCommand.self,
                      ExportCommand.self, GenerateCommand.self, RerankCommand.self, AuditCommand.self,
                      BenchmarkCommand.self])
}
