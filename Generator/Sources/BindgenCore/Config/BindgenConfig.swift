/// The generator's configuration, resolved: paths absolute, patterns checked.
///
/// The file format is documented in `Generator/README.md`; `ConfigLoader` reads it.
public struct BindgenConfig: Sendable, Hashable {
    /// The config file, as given on the command line.
    public var configPath: String
    /// The directory every relative path in the file is resolved against.
    public var baseDirectory: String
    /// Headers the umbrella includes, in order, spelled as in `#include <...>`.
    public var entryHeaders: [String]
    /// Absolute `-I` directories; the first one holds the API's own headers.
    public var includePaths: [String]
    /// `-D` definitions (`NAME` or `NAME=VALUE`).
    public var defines: [String]
    /// Extra clang arguments, after the generated ones.
    public var clangArguments: [String]
    /// The C standard the headers are parsed with (`-std=`), which must be the one the package
    /// compiles the C module with (`cLanguageStandard` in Package.swift): `c11` there means
    /// strict ISO C, where glibc hides POSIX declarations unless `defines` asks for them.
    public var cLanguageStandard = "gnu11"
    /// What to emit, by kind of declaration.
    public var filters: FilterConfig
    /// Function-like macros to bridge as typed C shims.
    public var functionMacros: [FunctionMacroConfig]
    /// The target features the SIMD wrappers in `shims.c` are compiled with.
    public var simdTargetFeatures = "ssse3,sse4.1,sse4.2"
    /// Families of constants emitted as typed Swift option sets or namespaces.
    public var macroFamilies: [MacroFamilyConfig] = []
    /// Libraries, objects or directories of them whose defined symbols tell which prototypes
    /// have a definition (empty: no check).
    public var symbolSources: [String] = []
    /// C99 inline functions that get an external definition in `shims.c`. Only the listed ones:
    /// a library that already defines them (CNDP and the embedded core do) would clash.
    public var c99InlineDefinitions: [String] = []
    /// Where the files go.
    public var outputs: OutputConfig
    /// The C module's name (`CCNESys`).
    public var cModuleName: String
    /// The Swift module's name (`CNESys`).
    public var swiftModuleName: String
    /// The prefix of every exported shim function (`cndp_`).
    public var shimPrefix: String
    /// The API's own headers: files, or directories whose files all count (absolute). nil: the
    /// include paths, except system include directories, where only the entry headers count.
    public var apiHeaders: [String]?
    /// Libraries the C module map links (`link "z"`), so a package using the generated
    /// modules needs no linker settings.
    public var linkLibraries: [String] = []
    /// The command the generated files' banner tells readers to run (default: the
    /// `cne-bindgen generate` invocation for this config).
    public var regenerateCommand: String?
    /// How the generated tests make the arguments of macros they cannot call on scratch memory.
    public var testValues: [TestValueConfig] = []
    /// C declarations placed in the test probes before the test values (helpers they call,
    /// such as a callback or the text a value parses).
    public var testSupport: [String] = []
    /// True when `simdTargetFeatures` was configured; otherwise the SIMD wrappers are compiled
    /// for the features their intrinsics declare (derived from the headers clang parsed).
    public var simdTargetFeaturesConfigured = false

    /// Creates a configuration.
    public init(
        configPath: String, baseDirectory: String, entryHeaders: [String], includePaths: [String],
        defines: [String] = [], clangArguments: [String] = [], filters: FilterConfig,
        functionMacros: [FunctionMacroConfig] = [], outputs: OutputConfig,
        cModuleName: String = "CCNESys", swiftModuleName: String = "CNESys", shimPrefix: String = "cndp_"
    ) {
        // The library defaults here stay CNESys's for source compatibility; the config file's
        // defaults (ConfigLoader) are neutral, derived from the first entry header.
        self.configPath = configPath
        self.baseDirectory = baseDirectory
        self.entryHeaders = entryHeaders
        self.includePaths = includePaths
        self.defines = defines
        self.clangArguments = clangArguments
        self.filters = filters
        self.functionMacros = functionMacros
        self.outputs = outputs
        self.cModuleName = cModuleName
        self.swiftModuleName = swiftModuleName
        self.shimPrefix = shimPrefix
    }
}

/// The kinds of declaration a filter applies to.
public enum DeclarationKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Functions, including inline ones.
    case functions
    /// Records, enums and typedefs.
    case types
    /// Global variables.
    case vars
    /// Macros, object-like and function-like.
    case macros
}

/// Allow and block patterns, each matched against the whole name.
public struct FilterConfig: Sendable, Hashable {
    /// A declaration is kept only if one of these matches (all kinds share the list).
    public var allow: [DeclarationKind: [String]]
    /// A declaration is dropped if one of these matches, even when allowed.
    public var block: [DeclarationKind: [String]]

    /// Creates a filter configuration.
    public init(allow: [DeclarationKind: [String]], block: [DeclarationKind: [String]] = [:]) {
        self.allow = allow
        self.block = block
    }
}

/// A function-like macro bridged as a typed, exported C function.
public struct FunctionMacroConfig: Sendable, Hashable {
    /// The macro's name.
    public var name: String
    /// The C return type.
    public var returns: String
    /// The parameters, as C declarations (`pktmbuf_t *m`).
    public var parameters: [String]
    /// The expression the shim returns; defaults to a call of the macro with the parameters.
    public var expression: String?
    /// True when the result is never NULL, so the Swift wrapper drops the optional.
    public var returnsNonnull: Bool
    /// Where the entry starts in the config file, for errors about it.
    public var location: SourceLocation?

    /// Creates one.
    public init(name: String, returns: String, parameters: [String], expression: String? = nil, returnsNonnull: Bool = false, location: SourceLocation? = nil) {
        self.location = location
        self.name = name
        self.returns = returns
        self.parameters = parameters
        self.expression = expression
        self.returnsNonnull = returnsNonnull
    }
}

/// The generator's output directories, absolute. The generator owns each one entirely.
public struct OutputConfig: Sendable, Hashable {
    /// The outputs as SwiftPM targets of a package at `root`: `Sources/<C module>`,
    /// `Sources/<Swift module>` and, when tests are wanted, `Tests/<Swift module>Tests`.
    public static func swiftPMLayout(root: String, cModuleName: String, swiftModuleName: String, tests: Bool) -> OutputConfig {
        OutputConfig(cModule: root + "/Sources/" + cModuleName, swiftModule: root + "/Sources/" + swiftModuleName,
                     layoutTests: tests ? root + "/Tests/" + swiftModuleName + "Tests" : nil)
    }

    /// The C module: `include/module.modulemap`, `include/<module>.h`, `shims.c`.
    public var cModule: String
    /// The Swift module.
    public var swiftModule: String
    /// The generated layout tests; nil to emit none.
    public var layoutTests: String?

    /// Creates one.
    public init(cModule: String, swiftModule: String, layoutTests: String?) {
        self.cModule = cModule
        self.swiftModule = swiftModule
        self.layoutTests = layoutTests
    }
}
