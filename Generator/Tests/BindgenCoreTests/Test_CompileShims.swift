import BindgenCore
import Foundation
import Testing

/// Compiles generated C with the C compilers SwiftPM would use, without `-march`, and reads
/// libraries with nm: the SIMD wrappers, the C99 inline wrappers and the symbol check.
@Suite struct CompileShimsTests {
    /// The C compilers present: the Swift toolchain's clang (SwiftPM's) and Debian's clang-14.
    static let compilers = ["/opt/swift/usr/bin/clang", "/usr/bin/clang-14"].filter { FileManager.default.isExecutableFile(atPath: $0) }
    let fixtures = Fixtures.root.appendingPathComponent("Fixtures/constructs").path

    /// Runs a tool; returns its exit status and standard error.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Generates the constructs fixture into a scratch directory.
    func generate(symbols: [String] = []) throws -> (dir: URL, result: GenerationResult) {
        let dir = try Fixtures.scratch()
        var config = try ConfigLoader.load(path: Fixtures.config("constructs"))
        config.outputs = OutputConfig(cModule: dir.appendingPathComponent("CFx").path, swiftModule: dir.appendingPathComponent("Fx").path, layoutTests: nil)
        config.symbolSources = symbols
        let result = try Generator.run(config)
        try OutputWriter.write(result.files, config: config)
        return (dir, result)
    }

    func compile(_ compiler: String, _ source: String, in dir: URL, output: String) throws -> (status: Int32, stderr: String) {
        try Self.run(compiler, ["-std=gnu11", "-O0", "-c", source, "-I", dir.appendingPathComponent("CFx/include").path, "-I", fixtures, "-o", output])
    }

    @Test(arguments: compilers) func simdShimsCompileWithoutMarch(compiler: String) throws {
        let (dir, result) = try generate()
        #expect(result.plan.simdWrappers.map(\.name) == ["fx_reverse16", "fx_reverse_twice"])
        let shims = dir.appendingPathComponent("CFx/shims.c").path
        let compiled = try compile(compiler, shims, in: dir, output: dir.appendingPathComponent("shims.o").path)
        #expect(compiled.status == 0, "\(compiled.stderr)")

        // Without the pragma the same call does not compile, and the umbrella hides the function.
        let user = dir.appendingPathComponent("user.c")
        try Data("#include \"CFx.h\"\nvoid use(uint8_t *p) { fx_reverse16(p); }\n".utf8).write(to: user)
        let rejected = try compile(compiler, user.path, in: dir, output: dir.appendingPathComponent("user.o").path)
        #expect(rejected.status != 0)
        #expect(rejected.stderr.contains("unavailable"), "\(rejected.stderr)")
    }

    /// A library defining some of the fixture's functions, as an object.
    func library(defining c99Inline: Bool, in dir: URL) throws -> String {
        let source = dir.appendingPathComponent("lib.c")
        var text = "#include <fx_functions.h>\nint fx_extern(int a, const char *name) { (void)name; return a; }\nint fx_printf(const char *fmt, ...) { (void)fmt; return 0; }\nint fx_sum(int n, ...) { return n; }\nint fx_blocked(void) { return 0; }\n"
        if c99Inline { text += "extern int fx_c99_inline(int a);\n" }
        try Data(text.utf8).write(to: source)
        let object = dir.appendingPathComponent("lib.o").path
        let built = try Self.run(Self.compilers[0], ["-std=gnu11", "-c", source.path, "-I", fixtures, "-o", object])
        #expect(built.status == 0, "\(built.stderr)")
        return object
    }

    @Test func prototypesWithoutDefinitionAreUnavailable() throws {
        try #require(!Self.compilers.isEmpty)
        let lib = try library(defining: true, in: try Fixtures.scratch())
        let (dir, result) = try generate(symbols: [lib])
        #expect(result.plan.undefinedSymbols == ["fx_take"])
        #expect(result.diagnostics.contains { $0.symbol == "fx_take" && $0.skip == .noDefinition })
        #expect(result.plan.c99InlineDefinitions.isEmpty, "the library defines fx_c99_inline")
        #expect(result.plan.inlineWrappers.map(\.name) == ["fx_c99_inline"])
        let umbrella = try String(contentsOfFile: dir.appendingPathComponent("CFx/include/CFx.h").path, encoding: .utf8)
        #expect(umbrella.contains("extern __typeof__(fx_take) fx_take __attribute__((unavailable("))
        let user = dir.appendingPathComponent("user.c")
        try Data("#include \"CFx.h\"\nvoid use(void) { fx_take(0); }\n".utf8).write(to: user)
        let rejected = try compile(Self.compilers[0], user.path, in: dir, output: dir.appendingPathComponent("user.o").path)
        #expect(rejected.status != 0 && rejected.stderr.contains("unavailable"), "\(rejected.stderr)")
    }

    @Test func c99InlineWithoutLibraryDefinitionGetsOne() throws {
        try #require(!Self.compilers.isEmpty)
        let lib = try library(defining: false, in: try Fixtures.scratch())
        let (dir, result) = try generate(symbols: [lib])
        #expect(result.plan.c99InlineDefinitions.map(\.name) == ["fx_c99_inline"])
        let shims = try String(contentsOfFile: dir.appendingPathComponent("CFx/shims.c").path, encoding: .utf8)
        #expect(shims.contains("extern __typeof__(fx_c99_inline) fx_c99_inline;"))
        #expect(shims.contains("int fx_shim_fx_c99_inline(int a) { return fx_c99_inline(a); }"))
        // shims.o plus the library then define both the function and its wrapper.
        let object = dir.appendingPathComponent("shims.o").path
        let compiled = try compile(Self.compilers[0], dir.appendingPathComponent("CFx/shims.c").path, in: dir, output: object)
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let defined = try #require(try DefinedSymbols.load([object, lib]))
        #expect(defined.defines("fx_c99_inline") && defined.defines("fx_shim_fx_c99_inline"))
    }

    @Test func missingSymbolSourceIsAnError() throws {
        #expect(throws: BindgenFailure.self) { _ = try generate(symbols: ["/nonexistent/libcndp.so"]) }
    }
}
