/// A place in a configuration file, for error messages an editor can jump to.
///
/// Lines and columns start at 1 and count bytes, as C compilers do: a column stays
/// meaningful even where the file is not valid UTF-8.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name as given to the loader (`"<string>"` for text parsed from memory).
    public var file: String
    /// The line, from 1.
    public var line: Int
    /// The byte column within the line, from 1.
    public var column: Int
    /// The byte offset from the start of the document, from 0.
    public var offset: Int

    /// Makes a location; `offset` is the byte offset from the start of the document.
    public init(file: String, line: Int, column: Int, offset: Int) {
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// Turns byte offsets into lines and columns; built once per document so nodes store offsets cheaply.
struct LineTable: Sendable {
    let file: String
    private let lineStarts: [Int]

    init(file: String, bytes: [UInt8]) {
        self.file = file
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        lineStarts = starts
    }

    func location(_ offset: Int) -> SourceLocation {
        // The last line start at or before `offset`: a binary search, since starts are sorted.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return SourceLocation(file: file, line: low + 1, column: offset - lineStarts[low] + 1, offset: offset)
    }
}
