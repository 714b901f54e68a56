import Testing

/// `#expect` for conditions that pass a span to a function: the macro would capture the
/// call's arguments, and a span cannot be captured. The condition is evaluated first.
func check(_ condition: Bool, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(condition, comment, sourceLocation: sourceLocation)
}
