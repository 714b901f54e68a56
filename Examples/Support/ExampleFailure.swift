import ArgumentParser
import CNE
#if canImport(Glibc)
import Glibc
#endif

/// How the examples report a failure: one line on standard error, then exit status 1.
public enum ExampleFailure {
    /// Prints `error` (a config error reads `file:line:column: error: ...`) and returns the
    /// exit code to throw.
    public static func report(_ error: CNEError, program: String) -> ExitCode {
        if error.location != nil {
            printError("\(error)")
        } else {
            printError("\(program): \(error)")
        }
        return ExitCode(1)
    }

    /// Prints `program: error: message` and returns the exit code to throw.
    public static func report(_ message: String, program: String) -> ExitCode {
        printError("\(program): error: \(message)")
        return ExitCode(1)
    }

    /// Writes one line to standard error.
    public static func printError(_ line: String) {
        fflush(nil)
        let text = line + "\n"
        _ = write(2, text, text.utf8.count)  // the String is passed as its UTF-8 bytes
    }
}
