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
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("CFx").path).filter { $0.hasSuffix(".c") }.sorted()
        #expect(files.count == 2 && files.contains("shims.c"), "shims.c and one SIMD file: \(files)")
        for file in files {
            let compiled = try compile(compiler, dir.appendingPathComponent("CFx/\(file)").path, in: dir, output: dir.appendingPathComponent("\(file).o").path)
            #expect(compiled.status == 0, "\(file): \(compiled.stderr)")
        }

        // Without the pragma the same call does not compile, and the umbrella hides the function.
        let user = dir.appendingPathComponent("user.c")
        try Data("#include \"CFx.h\"\nvoid use(uint8_t *p) { fx_reverse16(p); }\n".utf8).write(to: user)
        let rejected = try compile(compiler, user.path, in: dir, output: dir.appendingPathComponent("user.o").path)
        #expect(rejected.status != 0)
        #expect(rejected.stderr.contains("unavailable"), "\(rejected.stderr)")
    }

    /// Built against another build of the library (CNE_BINDGEN_OTHER_HEADERS): a record Swift
    /// reads through the importer may differ, a record with a view may not.
    @Test(arguments: compilers) func otherHeadersPinOnlyTheViews(compiler: String) throws {
        let (dir, _) = try generate()
        let shims = dir.appendingPathComponent("CFx/shims.c").path
        func headers(_ name: String, editing file: String, _ old: String, _ new: String) throws -> String {
            let other = dir.appendingPathComponent(name)
            try FileManager.default.copyItem(atPath: fixtures, toPath: other.path)
            let path = other.appendingPathComponent(file)
            let text = try String(contentsOf: path, encoding: .utf8)
            #expect(text.contains(old))
            try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: path)
            return other.path
        }
        func compiled(_ include: String, _ defines: [String]) throws -> (status: Int32, stderr: String) {
            try Self.run(compiler, ["-std=gnu11", "-O0", "-c", shims, "-I", dir.appendingPathComponent("CFx/include").path, "-I", include, "-o", dir.appendingPathComponent("other.o").path] + defines)
        }
        let imported = try headers("imported", editing: "fx_macros.h", "    int state;\n", "    int state;\n    int added;\n")
        let pinned = try compiled(imported, [])
        #expect(pinned.status != 0 && pinned.stderr.contains("size of struct fx_cfg"), "\(pinned.stderr)")
        let unpinned = try compiled(imported, ["-DCNE_BINDGEN_OTHER_HEADERS"])
        #expect(unpinned.status == 0, "\(unpinned.stderr)")
        let viewed = try headers("viewed", editing: "fx_records.h", "    uint32_t a;\n", "    uint64_t a;\n")
        let view = try compiled(viewed, ["-DCNE_BINDGEN_OTHER_HEADERS"])
        #expect(view.status != 0 && view.stderr.contains("struct fx_aligned_s"), "\(view.stderr)")
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

    /// CNDP installs libcndp.so as a GNU ld script (`GROUP ( libcne_uds.so ... )`): its members
    /// are read, relative to the script's directory, shared libraries and archives alike.
    @Test func linkerScriptMembersAreRead() throws {
        try #require(!Self.compilers.isEmpty && FileManager.default.isExecutableFile(atPath: "/usr/bin/ar"))
        let dir = try Fixtures.scratch()
        func write(_ name: String, _ text: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
        let a = try write("a.c", "int fx_in_shared(void) { return 1; }\n")
        let b = try write("b.c", "int fx_in_archive(void) { return 2; }\n")
        let shared = try Self.run(Self.compilers[0], ["-shared", "-fPIC", a, "-o", dir.appendingPathComponent("libfx_a.so").path])
        #expect(shared.status == 0, "\(shared.stderr)")
        let object = try Self.run(Self.compilers[0], ["-c", b, "-o", dir.appendingPathComponent("b.o").path])
        #expect(object.status == 0, "\(object.stderr)")
        let archive = try Self.run("/usr/bin/ar", ["rcs", dir.appendingPathComponent("libfx_b.a").path, dir.appendingPathComponent("b.o").path])
        #expect(archive.status == 0, "\(archive.stderr)")
        let script = try write("libfx.so", "/* GNU ld script */\nGROUP ( libfx_a.so  AS_NEEDED ( -lfx_c ) libfx_b.a )\n")
        _ = try write("libfx_c.so", "INPUT ( libfx_a.so )\n")  // a script naming a script
        #expect(try DefinedSymbols.linkerScriptMembers(script) == [dir.appendingPathComponent("libfx_a.so").path, dir.appendingPathComponent("libfx_c.so").path, dir.appendingPathComponent("libfx_b.a").path])
        #expect(try DefinedSymbols.linkerScriptMembers(dir.appendingPathComponent("libfx_a.so").path) == nil, "an ELF file")
        #expect(try DefinedSymbols.linkerScriptMembers(dir.appendingPathComponent("libfx_b.a").path) == nil, "an archive")

        let defined = try #require(try DefinedSymbols.load([script]))
        #expect(defined.defines("fx_in_shared") && defined.defines("fx_in_archive"))
        #expect(defined.files == [dir.appendingPathComponent("libfx_a.so").path, dir.appendingPathComponent("libfx_b.a").path])
        // The same through a directory holding the script and its members.
        let viaDirectory = try #require(try DefinedSymbols.load([dir.path]))
        #expect(viaDirectory.defines("fx_in_shared") && viaDirectory.defines("fx_in_archive"))

        let broken = try write("libbroken.so", "GROUP ( libmissing.so )\n")
        #expect(throws: BindgenFailure.self) { _ = try DefinedSymbols.load([broken]) }
    }

    /// CNDP's cne_tty.h has a `struct sigaction` member, which glibc declares under -std=c11
    /// only with _GNU_SOURCE (or another feature-test macro): the headers are parsed with the
    /// config's standard and defines, and shims.c defines them before any header, so shims.c
    /// compiles with the package's `-std=c11` and the layouts checked are the parsed ones.
    @Test(arguments: compilers) func shimsCompileWithTheParsedStandardAndDefines(compiler: String) throws {
        let dir = try Fixtures.scratch()
        try Data("#include <signal.h>\n#include <stdint.h>\ntypedef struct fx_tty { int fd; struct sigaction saved; } fx_tty_t;\nint fx_tty_fd(fx_tty_t *t);\n".utf8)
            .write(to: dir.appendingPathComponent("fx_tty.h"))
        func config(_ extra: String) throws -> BindgenConfig {
            let path = try Fixtures.writeConfig(
                "{\"entryHeaders\": [\"fx_tty.h\"], \(extra) \"outputs\": {\"cModule\": \"out/C\", \"swiftModule\": \"out/S\"}, \"cModuleName\": \"CTty\"}", in: dir)
            return try ConfigLoader.load(path: path)
        }
        let good = try config("\"cLanguageStandard\": \"c11\", \"defines\": [\"_GNU_SOURCE\"],")
        #expect(good.cLanguageStandard == "c11")
        let result = try Generator.run(good)
        try OutputWriter.write(result.files, config: good)
        let shims = try String(contentsOfFile: dir.appendingPathComponent("out/C/shims.c").path, encoding: .utf8)
        let define = try #require(shims.range(of: "#define _GNU_SOURCE 1"))
        #expect(define.lowerBound < shims.range(of: "#include")!.lowerBound, "before any header")
        #expect(shims.contains("_Static_assert(sizeof(struct fx_tty) == 160"))
        let compiled = try Self.run(compiler, ["-std=c11", "-Werror", "-c", dir.appendingPathComponent("out/C/shims.c").path, "-I", dir.appendingPathComponent("out/C/include").path, "-I", dir.path, "-o", dir.appendingPathComponent("shims.o").path])
        #expect(compiled.status == 0, "\(compiled.stderr)")
        // Parsed as strict c11 without the define, the headers fail at generation time, as
        // they would in the package's build: parse and compile agree.
        #expect(throws: BindgenFailure.self) { _ = try Generator.run(try config("\"cLanguageStandard\": \"c11\",")) }
    }
}
