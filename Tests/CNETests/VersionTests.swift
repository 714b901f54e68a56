import Testing
@testable import CNE

@Test func versionIsSemantic() {
    #expect(CNEVersion.string.split(separator: ".").count == 3)
}
