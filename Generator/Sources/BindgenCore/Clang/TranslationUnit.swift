import Foundation
internal import CClang

/// A parsed C translation unit; owns its libclang index and disposes of both.
final class TranslationUnit {
    let index: CXIndex
    let raw: CXTranslationUnit
    /// The file name used for the in-memory main file.
    let mainFile: String

    /// Parses `source` as the contents of `mainFile` with `arguments`.
    init(mainFile: String, source: String, arguments: [String]) throws(BindgenFailure) {
        guard let index = clang_createIndex(0, 0) else { throw BindgenFailure([.error("libclang: cannot create an index")]) }
        var tu: CXTranslationUnit?
        let options = CXTranslationUnit_DetailedPreprocessingRecord.rawValue
        let code: CXErrorCode = mainFile.withCString { name in
            source.withCString { text in
                var unsaved = CXUnsavedFile(Filename: name, Contents: text, Length: UInt(strlen(text)))
                let cArgs = arguments.map { strdup($0) }
                defer { cArgs.forEach { free($0) } }
                var argv = cArgs.map { UnsafePointer<CChar>($0) }
                return argv.withUnsafeMutableBufferPointer { buffer in
                    clang_parseTranslationUnit2(index, name, buffer.baseAddress, Int32(buffer.count), &unsaved, 1, options, &tu)
                }
            }
        }
        guard code == CXError_Success, let tu else {
            clang_disposeIndex(index)
            throw BindgenFailure([.error("libclang could not parse \(mainFile) (error \(code.rawValue))")])
        }
        self.index = index
        self.raw = tu
        self.mainFile = mainFile
    }

    deinit {
        clang_disposeTranslationUnit(raw)
        clang_disposeIndex(index)
    }

    /// The root cursor.
    var cursor: Cursor { Cursor(clang_getTranslationUnitCursor(raw)) }

    /// Every diagnostic clang produced, as generator diagnostics, in clang's order.
    func diagnostics(relativeTo base: String) -> [Diagnostic] {
        classifiedDiagnostics(relativeTo: base).map(\.diagnostic)
    }

    /// Every diagnostic with whether clang rated it fatal (a fatal error ends the parse).
    func classifiedDiagnostics(relativeTo base: String) -> [(diagnostic: Diagnostic, isFatal: Bool)] {
        (0..<clang_getNumDiagnostics(raw)).map { i in
            let d = clang_getDiagnostic(raw, i)
            defer { clang_disposeDiagnostic(d) }
            let severity: Diagnostic.Severity =
                switch clang_getDiagnosticSeverity(d) {
                case CXDiagnostic_Error, CXDiagnostic_Fatal: .error
                case CXDiagnostic_Warning: .warning
                default: .note
                }
            let message = clang_getDiagnosticSpelling(d).consume()
            let location = Cursor.location(clang_getDiagnosticLocation(d), relativeTo: base)
            return (Diagnostic(severity, message, at: location), clang_getDiagnosticSeverity(d) == CXDiagnostic_Fatal)
        }
    }

    /// The tokens of `cursor` as written in its file: the ends of its extent taken to where
    /// they are expanded. A statement beginning with a macro (`asm`, which CNDP's cne_common.h
    /// defines as `__asm__`) has its extent begin where that macro's body is spelled, and libclang
    /// tokenizes nothing across two files. Empty when the ends are not in one file.
    func writtenTokens(of cursor: Cursor) -> [MacroToken] {
        let extent = clang_getCursorExtent(cursor.raw)
        func expanded(_ location: CXSourceLocation) -> (file: CXFile, offset: UInt32)? {
            var file: CXFile?
            var offset: UInt32 = 0
            clang_getExpansionLocation(location, &file, nil, nil, &offset)
            return file.map { ($0, offset) }
        }
        guard let begin = expanded(clang_getRangeStart(extent)), let end = expanded(clang_getRangeEnd(extent)), clang_File_isEqual(begin.file, end.file) != 0 else { return [] }
        return tokens(in: clang_getRange(clang_getLocationForOffset(raw, begin.file, begin.offset), clang_getLocationForOffset(raw, end.file, end.offset)))
    }

    /// The tokens of a source range.
    func tokens(in range: CXSourceRange) -> [MacroToken] {
        var tokens: UnsafeMutablePointer<CXToken>?
        var count: UInt32 = 0
        clang_tokenize(raw, range, &tokens, &count)
        guard let tokens else { return [] }
        defer { clang_disposeTokens(raw, tokens, count) }
        return (0..<Int(count)).compactMap { i in
            let token = tokens[i]
            let spelling = clang_getTokenSpelling(raw, token).consume()
            let kind: MacroToken.Kind
            switch clang_getTokenKind(token) {
            case CXToken_Punctuation: kind = .punctuation
            case CXToken_Keyword: kind = .keyword
            case CXToken_Identifier: kind = .identifier
            case CXToken_Literal: kind = .literal
            default: return nil
            }
            return MacroToken(kind, spelling)
        }
    }
}
