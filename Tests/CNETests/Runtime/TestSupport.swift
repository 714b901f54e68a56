import CNESys
import Foundation

/// The number of open file descriptors of this process.
func openFileDescriptors() -> Int {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? -1
}

/// Sets a pktdev port's admin state through the C API, as an operator would.
func setAdminState(_ id: UInt16, up: Bool) -> Int32 {
    pktdev_admin_state_set(id, up)
}

import Testing

/// `#expect` for conditions over non-copyable values, which the macro cannot capture: the
/// condition is evaluated first and only the result is recorded.
func check(_ condition: Bool, _ comment: Comment? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(condition, comment, sourceLocation: sourceLocation)
}
