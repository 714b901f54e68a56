import ArgumentParser
import BindgenCore
import Foundation

/// `cne-bindgen stats`: what a config makes usable from Swift, as JSON (nothing is written).
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print, as JSON, how many functions, records and macros the generated modules make usable from Swift, and how many Swift's importer alone would.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let statistics = try Console.guarded { () throws(BindgenFailure) in
            Statistics(try Generator.run(try options.loadConfig()))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(statistics), as: UTF8.self))
    }
}
