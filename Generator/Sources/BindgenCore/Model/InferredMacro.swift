/// A function-like macro bridged without a configured signature: one typed instantiation that
/// clang compiled, with the result type clang gave the expansion.
public struct InferredMacroFunction: Hashable, Sendable {
    /// The macro.
    public var macro: Macro
    /// Appended to the shim's name to tell the overloads of a type-generic macro apart
    /// (`_u32`); empty for a macro with one signature.
    public var suffix: String
    /// The instantiation as a C function: the macro's parameters with their inferred types and
    /// the result type clang computed for the expansion (`void` for a statement macro).
    public var function: Function
    /// The C spelling of the result type, for the shim's prototype.
    public var returnSpelling: String
    /// The C declarations of the parameters (`const pktmbuf_t *m`).
    public var parameterDeclarations: [String]
    /// The call the shim makes when it is not `NAME(params)`: a parameter that is only the
    /// type of a cast is instantiated as `void *` (`pktmbuf_mtod(m, void *)`).
    public var callExpression: String?
    /// True when the expansion is a statement (`do { ... } while (0)`), not an expression.
    public var isStatement: Bool
    /// True when a generated test may call it on patterned scratch memory: the expansion calls
    /// no function and follows no pointer it loads (so garbage bytes cannot make it crash).
    public var isPure: Bool
    /// Nil when a generated test may call it on scratch memory (pure, or calling only header
    /// functions that are safe there, `MacroCallSafety`); else why the test only references it.
    public var callBlocker: String?
    /// True when, although `callBlocker` is set, the call with null pointers (and the test's
    /// integer values) is a constant clang folds: the test calls it that way (`vec_len(NULL)`).
    public var foldsWithNullPointers = false
    /// For a record result: whether its bytes are all defined (`RecordBytes`), so the test may
    /// compare C's and Swift's values byte by byte; nil for other results and when some byte
    /// may be padding.
    public var resultBytes: RecordBytes?
    /// How the parameter types were found, for the doc comment and the report.
    public var evidence: String
    /// For a `for` header (`lh_foreach`): the loop variable's type. The shim takes the other
    /// parameters, then `void (*body)(T, void *)` and `void *context`, runs the loop and calls
    /// `body` for each value; the Swift function takes a closure instead of the last two.
    public var forEachElement: CType?
}

/// Why a function-like macro was not bridged without a configured signature, and the config
/// entry `cne-bindgen suggest` proposes for it.
public struct MacroInferenceFailure: Hashable, Sendable {
    /// The macro.
    public var macro: Macro
    /// The exact reason, one sentence.
    public var reason: String
    /// A `functionMacros` entry to start from, when the macro can be a function at all.
    public var suggestion: FunctionMacroConfig?
}
