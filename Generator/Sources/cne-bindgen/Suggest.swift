import ArgumentParser
import BindgenCore

/// `cne-bindgen suggest`: config entries for the function-like macros not bridged.
struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print ready-to-paste functionMacros entries for the function-like macros that were not bridged.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
        let text = try Console.guarded { () throws(BindgenFailure) in
            SuggestionRenderer.render(try Generator.run(try options.loadConfig()).plan)
        }
        print(text, terminator: "")
    }
}
