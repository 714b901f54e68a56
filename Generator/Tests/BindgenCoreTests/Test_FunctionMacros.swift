@testable import BindgenCore
import Foundation
import Testing

/// Function-like macros without configured signatures (Fixtures/macros), and the macro
/// defects of issue 12, each reproduced by the fixture before its fix.
@Suite struct FunctionMacroTests {
    let result: GenerationResult

    init() throws { result = try Fixtures.generate("macros") }

    func file(_ path: String) -> String { result.files.first { $0.path == path }?.contents ?? "" }

    func skip(_ name: String) -> Diagnostic? { result.diagnostics.first { $0.symbol == name && $0.skip != nil } }

    func shims(_ name: String) -> [MacroShim] { result.plan.macroShims.filter { $0.config.name == name } }

    @Test func gettersTakeTheRecordWithThoseMembers() throws {
        let len = try #require(shims("fx_pkt_len").first)
        #expect(len.config.parameters == ["const fx_pkt_t *p"], "const first: the getter compiles with it")
        #expect(len.config.returns == "uint16_t")
        #expect(len.swiftParameters == ["UnsafePointer<fx_pkt_t>?"] && len.swiftReturn == "UInt16")
        #expect(len.inferred?.isPure == true)
        #expect(shims("fx_pkt_data").first?.config.returns == "char *")
        // Through a loaded pointer: bridged, but not called on scratch memory by the tests.
        #expect(shims("fx_pkt_next_len").first?.inferred?.isPure == false)
    }

    @Test func argumentsOfAPIFunctionsTakeTheirParameterTypes() throws {
        let send = try #require(shims("fx_pkt_send_now").first)
        #expect(send.config.parameters == ["fx_pkt_t *p"])
        #expect(send.config.returns == "int")
        #expect(send.inferred?.isPure == false, "it calls fx_pkt_send")
    }

    /// Issue 12: macros calling functions were only referenced by the generated tests. Those
    /// whose calls reach only header functions that are safe on scratch memory are called now;
    /// the others say why not.
    @Test func macrosCallingSafeHeaderFunctionsAreCalled() throws {
        let trim = try #require(shims("fx_pkt_trim").first)
        #expect(trim.inferred?.isPure == false && trim.inferred?.callBlocker == nil, "\(String(describing: trim.inferred?.callBlocker))")
        let never = try #require(shims("FX_SEND_NEVER").first)
        #expect(never.inferred?.callBlocker == nil, "`if (0)` never calls: \(String(describing: never.inferred?.callBlocker))")
        let blockers = [
            "fx_pkt_send_now": "calls `fx_pkt_send`, a function of the library",
            "fx_pkt_chain": "loops in `fx_pkt_chain_len`",
            "fx_pkt_next_len2": "follows a pointer it loaded or computed in `fx_pkt_next_len_of`",
            "fx_pkt_next_len": "follows a pointer it loaded",
        ]
        for (name, reason) in blockers {
            let blocker = shims(name).first?.inferred?.callBlocker ?? ""
            #expect(blocker.contains(reason), "\(name): \(blocker)")
        }
        // Called with a null pointer, which clang folds to a constant; not on scratch memory.
        let orZero = try #require(shims("fx_pkt_next_len_or0").first?.inferred)
        #expect(orZero.callBlocker != nil && orZero.foldsWithNullPointers)
        #expect(file("MacroFunctionTests.swift").contains("let r = Fm.fx_pkt_next_len_or0(nil)"))
        #expect(shims("fx_pkt_next_len").first?.inferred?.foldsWithNullPointers == false)
        // A `for` header with a loop-variable parameter: a function taking a closure.
        let each = try #require(shims("fx_pkt_foreach_next").first)
        #expect(each.config.parameters == ["const fx_pkt_t *p", "void (*body)(struct fx_pkt *, void *)", "void *context"], "\(each.config.parameters)")
        #expect(each.closureElement == "UnsafeMutablePointer<fx_pkt>?" || each.closureElement == "UnsafeMutablePointer<fx_pkt_t>?", "\(String(describing: each.closureElement))")
        #expect(each.inferred?.callBlocker?.contains("is a `for` loop") == true)
        #expect(file("MacroFunctions.swift").contains("@inlinable public func fx_pkt_foreach_next(_ p: UnsafePointer<fx_pkt_t>?, _ body: ("))
        // Subscripts in bounds for the test's values (6 >> 5 == 0 of 8); not past the end.
        #expect(shims("FX_FILTER_HAS").first?.inferred?.callBlocker == nil, "\(String(describing: shims("FX_FILTER_HAS").first?.inferred?.callBlocker))")
        #expect(shims("FX_FILTER_FAR").first?.inferred?.callBlocker?.contains("subscripts memory") == true)
        // A macro using memcpy without <string.h>: bridged, the umbrella includes it.
        #expect(result.plan.macroSupportHeaders == ["string.h"])
        #expect(file("include/CFm.h").contains("#include <string.h>"))
        #expect(!shims("FX_COPY4").isEmpty)
        let tests = file("MacroFunctionTests.swift")
        // Each side gets its own copy (the helper writes); the pointer result is compared as an
        // offset into each side's copy, and the copies afterwards.
        #expect(tests.contains("let r = Fm.fx_pkt_trim(scratch.swift[0].assumingMemoryBound(to: fx_pkt_t.self), UInt16(truncatingIfNeeded: 3))"), "\(tests)")
        #expect(tests.contains("#expect(scratch.swiftPlace(r) == scratch.cPlace(p))"))
        #expect(tests.contains("// Not called, it loops in `fx_pkt_chain_len`: garbage bytes could keep the loop running: taken as a value only."))
        #expect(file("SKIPPED.md").contains("| `fx_pkt_chain` | loops in `fx_pkt_chain_len`"), "the report lists it")
    }

    /// A record result was compared only when it was a padding-free struct of the API: CNDP's
    /// `CIN6_ADDR(sa)` (a `struct in6_addr` of <netinet/in.h>, a union) and `CIN_ADDR(sa)` were
    /// only referenced. libclang's layout of the result type decides now, wherever it is defined.
    @Test func recordResultsWithAllBytesDefinedAreCompared() throws {
        let tests = file("MacroFunctionTests.swift")
        #expect(shims("fx_holder_a6").first?.inferred?.resultBytes == .defined, "a union whose uint8_t[16] spans it")
        #expect(shims("fx_holder_pair").first?.inferred?.resultBytes == .defined, "a struct of a header outside the API")
        for name in ["fx_holder_a6", "fx_holder_pair"] {
            #expect(tests.contains("let r = Fm.\(name)(UnsafePointer(scratch.swift[0].assumingMemoryBound(to: fx_holder_t.self)))"), "\(name)")
            #expect(tests.contains("let p = cne_bindgen_probe_fm_fm_\(name)(UnsafePointer(scratch.swift[0].assumingMemoryBound(to: fx_holder_t.self)))"), "\(name)")
        }
        #expect(tests.contains("#expect(withUnsafeBytes(of: r) { a in withUnsafeBytes(of: p) { b in a.elementsEqual(b) } })"))
        // Padding after `tag`; a union of 4 bytes whose members have 3 and 2: only referenced.
        for name in ["fx_holder_padded", "fx_holder_odd"] {
            let shim = try #require(shims(name).first)
            #expect(shim.inferred?.resultBytes == nil && shim.inferred?.callBlocker == nil, "\(name)")
            #expect(tests.contains("@Test func macro_fm_\(name)() {\n        // Not called, its result is a record whose bytes are not all defined"), "\(name)")
        }
        #expect(file("SKIPPED.md").contains("| `fx_holder_padded` | its result is a record whose bytes are not all defined"))
    }

    /// Any inline assembly kept a macro from being called: CNDP's `CNE_MBUF_PREFETCH_TO_FREE`
    /// reaches `cne_prefetch0`'s `prefetcht0`. Hints (a prefetch, a fence) are called now;
    /// an output operand or an instruction not known to be a hint still is not.
    @Test func hintAssemblyIsCalled() throws {
        let tests = file("MacroFunctionTests.swift")
        for name in ["FX_PREFETCH", "FX_FENCE"] {
            #expect(shims(name).first?.inferred?.callBlocker == nil, "\(name): \(String(describing: shims(name).first?.inferred?.callBlocker))")
        }
        #expect(tests.contains("Fm.FX_PREFETCH(UnsafeRawPointer(scratch.swift[0]))\n        cne_bindgen_probe_fm_fm_FX_PREFETCH(UnsafeRawPointer(scratch.c[0]))"))
        #expect(tests.contains("Fm.FX_FENCE()\n        cne_bindgen_probe_fm_fm_FX_FENCE()"))
        for (name, helper) in ["FX_LOAD32": "fx_load32", "FX_FLUSH": "fx_flush"] {
            #expect(shims(name).first?.inferred?.callBlocker == "has inline assembly in `\(helper)`", "\(name)")
            #expect(tests.contains("// Not called, it has inline assembly in `\(helper)`: taken as a value only."), "\(name)")
        }
    }

    /// The statements `HintAssembly` accepts, token by token as libclang gives them, and what
    /// it does not: anything it cannot read as hints is not one.
    static let asmStatements: [(String, Bool)] = [
        (#"asm volatile ( "prefetcht0 %[p]" : : [ p ] "m" ( * ( const volatile char * ) p ) )"#, true),
        (#"__asm__ __volatile__ ( "mfence" : : : "memory" ) ;"#, true),
        (#"__asm__ __volatile__ ( "lfence" :: : "memory" )"#, true),
        (#"asm volatile ( "prfm pldl1keep, [%0]" : : "r" ( p ) )"#, true),
        (#"asm volatile ( "pause\n\t" "nop" )"#, true),
        (#"asm volatile ( "dmb ish; isb" : : : "memory" )"#, true),
        (#"asm volatile ( "prefetcht0 %1" : "=r" ( v ) : "m" ( p ) )"#, false),
        (#"asm volatile ( "prefetcht0 %0" : "+m" ( p ) )"#, false),
        (#"asm volatile ( "clflush %0" : : "m" ( p ) )"#, false),
        (#"asm volatile ( ".byte 0x0f, 0x18, 0x08" : : "m" ( p ) )"#, false),
        (#"asm volatile ( "1: pause" )"#, false),
        (#"asm volatile ( "mfence" : : : "rax" )"#, false),
        (#"asm volatile ( "mfence" : : : "memory" : done )"#, false),
        (#"asm goto ( "nop" : : : : done )"#, false),
        (#"asm volatile ( PREFETCH : : "m" ( p ) )"#, false),
        (#"asm volatile ( "pause %0" : : "r" ( p ) )"#, false),
        (#"asm volatile ( "nop\\" )"#, false),
        (#"cne_compiler_barrier ( )"#, false),
    ]

    @Test(arguments: asmStatements)
    func hintAssemblyReadsItsTokens(statement: String, isHint: Bool) {
        // Words between spaces, a string literal (spaces included) as one.
        var tokens: [MacroToken] = []
        var rest = Substring(statement)
        while let start = rest.firstIndex(where: { $0 != " " }) {
            rest = rest[start...]
            let end = rest.first == "\"" ? rest.dropFirst().firstIndex(of: "\"").map { rest.index(after: $0) } ?? rest.endIndex : rest.firstIndex(of: " ") ?? rest.endIndex
            let word = String(rest[..<end])
            let kind: MacroToken.Kind = word.hasPrefix("\"") ? .literal : word.first!.isLetter || word.first == "_" ? .identifier : .punctuation
            tokens.append(MacroToken(kind, word))
            rest = rest[end...]
        }
        #expect(HintAssembly.isHint(tokens) == isHint, "\(statement)")
    }

    @Test func typeGenericMacrosGetOneOverloadPerArithmeticType() throws {
        let max = shims("FX_MAX")
        #expect(max.count == 11)
        #expect(max.map(\.function.name).contains("fm_FX_MAX_u64"))
        let u64 = try #require(max.first { $0.function.name == "fm_FX_MAX_u64" })
        #expect(u64.swiftParameters == ["UInt64", "UInt64"] && u64.swiftReturn == "UInt64", "typeof-sugar resolved to the parameter's type")
        // C promotes uint8_t operands to int: the overload returns what C returns.
        #expect(max.first { $0.function.name == "fm_FX_MAX_u8" }?.swiftReturn == "Int32")
        #expect(shims("FX_PTR_DIFF").map(\.config.parameters) == [["const void *a", "const void *b"]])
        #expect(shims("FX_ZERO").map(\.function.name) == ["fm_FX_ZERO"])
    }

    /// CNDP's `cne_numbytes` had a `double` overload: `__builtin_ctz` accepts it by converting
    /// it to `unsigned int` (truncating; undefined outside that range), and its shim crashed
    /// (SIGILL) in the installed-CNDP measurement. Integer-only bodies get integer overloads.
    @Test func integerOnlyMacrosGetNoFloatingOverload() throws {
        for name in ["FX_CTZ", "FX_BYTES", "FX_LOW"] {
            let overloads = shims(name).map(\.function.name)
            #expect(overloads.count == 10, "\(name): \(overloads)")
            #expect(!overloads.contains("fm_\(name)_f64"), "\(name): \(overloads)")
            #expect(overloads.contains("fm_\(name)_u64"), "\(name): \(overloads)")
        }
        // Through the macros it uses (FX_BYTES → FX_CTZ → __builtin_ctz), with the reason.
        #expect(shims("FX_BYTES").first?.inferred?.evidence.contains("integers only (`__builtin_ctz`)") == true)
        #expect(shims("FX_LOW").first?.inferred?.evidence.contains("integers only (`&`)") == true)
        #expect(!file("shims.c").contains("fm_FX_BYTES_f64"))
        // A double stored to an integer member converts implicitly (-Wfloat-conversion).
        let setters = shims("fx_pkt_set_len").map(\.function.name)
        #expect(!setters.isEmpty && !setters.contains("fm_fx_pkt_set_len_f64"), "\(setters)")
        // Arithmetic that is defined for doubles keeps its floating overload.
        #expect(shims("FX_MAX").contains { $0.function.name == "fm_FX_MAX_f64" })
        #expect(shims("FX_ROUND").contains { $0.function.name == "fm_FX_ROUND_f64" })
    }

    @Test func castTypeParametersAreVoidPointers() throws {
        let cast = try #require(shims("FX_CAST").first)
        #expect(cast.config.parameters == ["const fx_pkt_t *p"] && cast.config.returns == "void *")
        #expect(cast.config.expression == "FX_CAST(p, void *)")
        #expect(file("shims.c").contains("void *fm_FX_CAST(const fx_pkt_t *p) { return FX_CAST(p, void *); }"))
        // Through another macro's cast-type parameter.
        #expect(shims("FX_CAST_VIA").first?.config.expression == "FX_CAST_VIA(p, void *)")
    }

    @Test func statementMacrosAreVoid() throws {
        let set = shims("fx_pkt_set_len")
        #expect(!set.isEmpty && set.allSatisfy { $0.config.returns == "void" && $0.swiftReturn == "Void" })
        #expect(set.first?.config.parameters.first == "fx_pkt_t *p", "it writes: the const instantiation does not compile")
        #expect(file("shims.c").contains("void fm_fx_pkt_set_len_u16(fx_pkt_t *p, uint16_t n) { fx_pkt_set_len(p, n); }"))
    }

    @Test func everyOtherMacroHasItsExactReason() throws {
        let reasons: [String: String] = [
            "FX_STR": "stringizes parameter 'x'",
            "FX_PASTE": "pastes tokens with parameter 'x'",
            "FX_SIZEOF_PTR": "parameter 't' is a type",
            "FX_VARIADIC": "variadic macro",
            "FX_ALIGNED": "expands to `__attribute__`",
            "FX_FOREACH": "a statement fragment (`for ...`)",
            "FX_EMPTY_FN": "expands to nothing",
            "FX_IMMEDIATE": "an inline-asm immediate operand",
            "FX_STR_VIA": "parameter 'x' goes to FX_STR, which stringizes parameter 'x'",
            "FX_DEEP_FN": "bracket nesting level exceeded maximum of 256",
        ]
        for (name, reason) in reasons {
            let d = try #require(skip(name), "\(name) is reported")
            #expect(d.skip == .functionLikeMacro)
            #expect(d.message.contains(reason), "\(name): \(d.message)")
        }
        let report = file("SKIPPED.md")
        #expect(report.contains("Function-like macros: 32 of 42 usable from Swift (31 with an inferred signature, 1 configured)"))
    }

    @Test func suggestPrintsEntriesForTheRest() throws {
        let text = SuggestionRenderer.render(result.plan)
        #expect(text.contains(#"{"name": "FX_SIZEOF_PTR", "returns": "void *", "parameters": [], "expression": "FX_SIZEOF_PTR(void *)"}"#), "\(text)")
        #expect(text.contains("// FX_STR (api/fx_fnmacros.h:74:9): stringizes parameter 'x'"))
        #expect(!text.contains(#""name": "FX_STR""#))
        // The entries parse as the config's functionMacros.
        // The functionMacros entries only: the testValues skeleton after them is another key.
        let macroPart = text.components(separatedBy: SuggestionRenderer.testValuesHeading).first ?? text
        let entries = macroPart.split(separator: "\n").filter { $0.hasPrefix("{") }.joined(separator: "\n")
        let dir = try Fixtures.scratch()
        let config = try Fixtures.writeConfig(#"{"entryHeaders": ["x.h"], "functionMacros": [\#(entries)], "outputs": {"cModule": "c", "swiftModule": "s"}}"#, in: dir)
        #expect(try ConfigLoader.load(path: config).functionMacros.map(\.name) == ["FX_DEEP_FN", "FX_SIZEOF_PTR"])
    }

    /// The generated C (shims and the tests' probes) compiles with -Wall -Wextra -Werror.
    @Test(arguments: CompileShimsTests.compilers) func generatedCCompilesCleanly(compiler: String) throws {
        let dir = try Fixtures.written("macros")
        let probes = dir.appendingPathComponent("probes.c")
        try Data("#include \"CFmProbes.h\"\n".utf8).write(to: probes)
        for source in [dir.appendingPathComponent("C/shims.c").path, probes.path] {
            let compiled = try CompileShimsTests.run(compiler, [
                "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-c", source, "-I", dir.appendingPathComponent("C/include").path,
                "-I", Fixtures.root.appendingPathComponent("Fixtures/macros/api").path, "-o", dir.appendingPathComponent("out.o").path,
            ])
            #expect(compiled.status == 0, "\(source): \(compiled.stderr)")
        }
    }

    /// The generated Swift module type-checks in Swift 6 language mode (strict concurrency:
    /// pointer constants are computed, since pointers are not Sendable).
    @Test func generatedSwiftTypeChecks() throws {
        let swiftc = ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let compiler = try #require(swiftc)
        let dir = try Fixtures.scratch()
        var config = try ConfigLoader.load(path: Fixtures.config("macros"))
        config.outputs = OutputConfig(cModule: dir.appendingPathComponent("C").path, swiftModule: dir.appendingPathComponent("S").path, layoutTests: nil)
        try OutputWriter.write(try Generator.run(config).files, config: config)
        let sources = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("S").path).filter { $0.hasSuffix(".swift") }.map { dir.appendingPathComponent("S/\($0)").path }
        #expect(file("MacroConstants.swift").contains("@inlinable public var FX_EMPTY: UnsafeMutableRawPointer? {"))
        let checked = try CompileShimsTests.run(compiler, [
            "-typecheck", "-swift-version", "6", "-module-name", "Fm", "-I", dir.appendingPathComponent("C/include").path,
            "-Xcc", "-I", "-Xcc", Fixtures.root.appendingPathComponent("Fixtures/macros/api").path,
        ] + sources)
        #expect(checked.status == 0, "\(checked.stderr)")
    }

    // MARK: - Defects of issue 12

    /// Defect 1: a configured `void` statement macro rendered `return do { ... } while (0);`.
    @Test func voidStatementMacroIsNotReturned() throws {
        #expect(file("shims.c").contains("void fm_FX_RESET(fx_pkt_t *p) { FX_RESET(p); }"))
        #expect(!file("shims.c").contains("return FX_RESET"))
    }

    /// Defect 2: an entry naming a macro that does not exist was accepted (clang only warns
    /// about the implicit declaration).
    @Test func entryNamingNoMacroIsAnError() throws {
        let dir = try Fixtures.scratch()
        let api = Fixtures.root.appendingPathComponent("Fixtures/macros/api").path
        let path = try Fixtures.writeConfig("""
            {
                "entryHeaders": ["fx_fnmacros.h"],
                "includePaths": ["\(api)"],
                "functionMacros": [
                    {"name": "FX_NO_SUCH_MACRO", "returns": "int", "parameters": ["int x"]}
                ],
                "outputs": { "cModule": "out/C", "swiftModule": "out/S" }
            }
            """, in: dir)
        let failure = try #require(throwsFailure { _ = try Generator.run(try ConfigLoader.load(path: path)) })
        let d = try #require(failure.diagnostics.first)
        #expect(d.message.contains("no function-like macro 'FX_NO_SUCH_MACRO'"), "\(d.message)")
        #expect(d.location == SourceLocation(file: path, line: 5, column: 9))
        // An expression calling an undeclared function is an error too, not a warning.
        let expression = try Fixtures.writeConfig("""
            {
                "entryHeaders": ["fx_fnmacros.h"],
                "includePaths": ["\(api)"],
                "functionMacros": [
                    {"name": "FX_MAX", "returns": "int", "parameters": ["int x"], "expression": "fx_undeclared(x)"}
                ],
                "outputs": { "cModule": "out/C", "swiftModule": "out/S" }
            }
            """, in: dir)
        let second = try #require(throwsFailure { _ = try Generator.run(try ConfigLoader.load(path: expression)) })
        #expect(second.diagnostics.contains { $0.message.contains("implicit declaration") }, "\(second.diagnostics)")
    }

    /// Defect 3: a fatal error (bracket depth 256) in one macro silently dropped every macro
    /// after it; now it costs that macro only, with clang's message.
    @Test func fatalErrorCostsOneMacroOnly() throws {
        let deep = try #require(skip("FX_DEEP"))
        #expect(deep.skip == .notAConstant)
        #expect(deep.message.contains("bracket nesting level exceeded maximum of 256"), "\(deep.message)")
        let after = try #require(result.plan.model.macros.first { $0.name == "FX_EVALUATED_AFTER" })
        #expect(after.value == .integer(signed: 7, unsigned: 7, type: .builtin(.int)))
        // Function-like macros after FX_DEEP_FN in name order are still inferred.
        #expect(!shims("fx_pkt_len").isEmpty && !shims("FX_ZERO").isEmpty)
    }

    /// Defect 4: pointer casts were predicted "imported by Swift"; the importer does not
    /// import them. They are emitted, typed as Swift imports the pointer type.
    @Test func pointerCastMacrosAreBridged() throws {
        for name in ["FX_STATIC", "FX_TRANSIENT", "FX_EMPTY"] {
            #expect(skip(name) == nil, "\(name): \(skip(name)?.message ?? "")")
        }
        let constants = Dictionary(uniqueKeysWithValues: result.plan.constants.map { ($0.macro.name, $0) })
        #expect(constants["FX_STATIC"]?.literal == "nil")
        #expect(constants["FX_TRANSIENT"]?.swiftType == "(@convention(c) (UnsafeMutableRawPointer?) -> Void)?")
        #expect(constants["FX_TRANSIENT"]?.literal == "unsafeBitCast(UInt(18446744073709551615), to: (@convention(c) (UnsafeMutableRawPointer?) -> Void).self)")
        #expect(constants["FX_EMPTY"]?.literal == "UnsafeMutableRawPointer(bitPattern: UInt(18446744073709551615))")
        #expect(file("MacroConstantTests.swift").contains("#expect(UInt64(unsafeBitCast(value, to: UInt.self)) == cne_bindgen_probe_macro_FX_TRANSIENT())"))
    }

    /// Defect 5: a macro with the name of an enum constant of a header outside the API is
    /// ambiguous in Swift; it was reported "imported". Now a constant of the Swift module
    /// shadows both.
    @Test func macroDuplicatingAnOutsideEnumConstantShadowsIt() throws {
        #expect(result.plan.model.externalEnumConstants.isSuperset(of: ["FX_KIND_A", "FX_KIND_B", "FX_KIND_C"]))
        for name in ["FX_KIND_B", "FX_KIND_C"] {
            #expect(skip(name) == nil, "\(name): \(skip(name)?.message ?? "")")
            let constant = try #require(result.plan.constants.first { $0.macro.name == name })
            #expect(constant.shadowsImport && constant.swiftType == "Int32")
        }
        #expect(file("MacroConstants.swift").contains("an enum constant of another header (outside the API) has the same name"))
    }

    private func throwsFailure(_ body: () throws -> Void) -> BindgenFailure? {
        do { try body() } catch let f as BindgenFailure { return f } catch { Issue.record("unexpected error \(error)") }
        return nil
    }
}
