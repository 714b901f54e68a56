import Foundation
import Testing
import Zlib

/// zlib through the generated module: checksums and a compress/uncompress round trip.
@Suite struct ZlibTests {
    @Test func crc32OfKnownText() {
        let text = Array("The quick brown fox jumps over the lazy dog".utf8)
        let crc = text.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
        #expect(crc == 0x414F_A339)
    }

    @Test func versionMatchesTheHeader() {
        #expect(String(cString: zlibVersion()) == ZLIB_VERSION)
    }

    @Test func compressRoundTrip() {
        let input = Array(repeating: Array("swift-cndp corpus ".utf8), count: 64).flatMap { $0 }
        var compressedLength = compressBound(UInt(input.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
        #expect(compress(&compressed, &compressedLength, input, UInt(input.count)) == Z_OK)
        #expect(compressedLength < UInt(input.count) / 4)
        var outputLength = UInt(input.count)
        var output = [UInt8](repeating: 0, count: input.count)
        #expect(uncompress(&output, &outputLength, compressed, compressedLength) == Z_OK)
        #expect(output == input)
    }
}
