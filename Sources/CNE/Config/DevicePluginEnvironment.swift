#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The AF_XDP devices the Kubernetes device plugin gave this pod, read from the environment
/// and the plugin's socket path conventions, so that one container image serves any pod spec.
///
/// The plugin (redhat-et/afxdp-plugins-for-kubernetes, since its multi-device change) sets one
/// variable per pool the pod draws from, `AFXDP_DEVICES_<POOL>` (the pool's name in upper
/// case), to the pool's devices separated by spaces, and mounts for each device either its
/// Unix socket at `/tmp/afxdp_dp/<netdev>/afxdp.sock` or, in its pinned-map mode, the
/// device's XSKMAP at `/tmp/afxdp_dp/<netdev>/xsks_map`. Before that change it set
/// `AFXDP_DEVICES` and mounted one socket at `/tmp/afxdp.sock` (and one map at
/// `/tmp/xsks_map`); both forms are read.
///
/// Which of the two a device has is read from the file system: a socket wins over a pinned
/// map when the plugin offers both, since only the socket can also configure busy polling
/// for an unprivileged pod.
public struct DevicePluginEnvironment: Sendable, Equatable {
    /// How the pod reaches a device's XSKMAP.
    public enum Access: Sendable, Equatable {
        /// Over the plugin's Unix socket at this path (an lport's `uds_path`).
        case socket(String)
        /// Through the map pinned at this path (an lport's `xsk_pin_path`).
        case pinnedMap(String)
    }

    /// One device of the pod.
    public struct Device: Sendable, Equatable {
        /// The netdev's name, as the plugin lists it (device IDs are netdev names).
        public var netdev: String
        /// The variable that named it, e.g. `AFXDP_DEVICES_MYPOOL`.
        public var variable: String
        /// Where its XSKMAP comes from.
        public var access: Access

        /// Makes a device.
        public init(netdev: String, variable: String, access: Access) {
            self.netdev = netdev
            self.variable = variable
            self.access = access
        }
    }

    /// Where the plugin puts things in the pod.
    public struct Layout: Sendable, Equatable {
        /// The per-device directory's parent (the plugin's udsPodPath), `/tmp/afxdp_dp`.
        public var directory: String
        /// The one socket of the plugin before its multi-device change, `/tmp/afxdp.sock`.
        public var legacySocket: String
        /// The one pinned map of the plugin before that change, `/tmp/xsks_map`.
        public var legacyPinnedMap: String

        /// Makes a layout (tests use their own directory; pods use ``plugin``).
        public init(directory: String, legacySocket: String, legacyPinnedMap: String) {
            self.directory = directory
            self.legacySocket = legacySocket
            self.legacyPinnedMap = legacyPinnedMap
        }

        /// The plugin's own layout.
        public static let plugin = Layout(
            directory: "/tmp/afxdp_dp", legacySocket: "/tmp/afxdp.sock", legacyPinnedMap: "/tmp/xsks_map")

        /// `<directory>/<netdev>/afxdp.sock`.
        public func socketPath(of netdev: String) -> String { "\(directory)/\(netdev)/afxdp.sock" }
        /// `<directory>/<netdev>/xsks_map`.
        public func pinnedMapPath(of netdev: String) -> String { "\(directory)/\(netdev)/xsks_map" }
    }

    /// The variable of the plugin before its multi-device change; today's add `_<POOL>`.
    public static let variable = "AFXDP_DEVICES"

    /// The pod's devices: variables in name order, devices in the order each lists them.
    public var devices: [Device]

    /// Makes the list in code.
    public init(devices: [Device]) {
        self.devices = devices
    }

    /// Reads the plugin's variables from `environment` and finds each device's socket or
    /// pinned map under `layout`.
    ///
    /// - Throws: ``DevicePluginEnvironmentError`` naming the variable and, where it applies,
    ///   the device: no variable at all, an empty list, a malformed variable name or device
    ///   name, a device listed twice, a device with neither a socket nor a pinned map.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, layout: Layout = .plugin
    ) throws(DevicePluginEnvironmentError) {
        let variables = environment.keys.filter { $0 == Self.variable || $0.hasPrefix(Self.variable + "_") }.sorted()
        guard !variables.isEmpty else { throw DevicePluginEnvironmentError(.notSet) }
        var devices: [Device] = []
        var seen: [String: String] = [:]
        for variable in variables {
            let isLegacy = variable == Self.variable
            if !isLegacy {
                let pool = variable.dropFirst(Self.variable.count + 1)
                guard Self.isPoolSuffix(pool) else {
                    throw DevicePluginEnvironmentError(.invalidVariableName, variable: variable)
                }
            }
            let names = environment[variable, default: ""].split(separator: " ", omittingEmptySubsequences: true)
            guard !names.isEmpty else { throw DevicePluginEnvironmentError(.emptyList, variable: variable) }
            for (position, name) in names.enumerated() {
                let netdev = String(name)
                guard Self.isNetdevName(netdev) else {
                    throw DevicePluginEnvironmentError(.invalidDeviceName, variable: variable, device: netdev, position: position)
                }
                if let first = seen[netdev] {
                    throw DevicePluginEnvironmentError(.duplicateDevice, variable: variable, device: netdev, position: position, otherVariable: first)
                }
                seen[netdev] = variable
                let access = isLegacy
                    ? Self.legacyAccess(layout, deviceCount: names.count)
                    : Self.access(of: netdev, layout)
                guard let access else {
                    throw DevicePluginEnvironmentError(
                        .noSocketOrMap, variable: variable, device: netdev, position: position,
                        paths: isLegacy ? [layout.legacySocket, layout.legacyPinnedMap]
                            : [layout.socketPath(of: netdev), layout.pinnedMapPath(of: netdev)])
                }
                devices.append(Device(netdev: netdev, variable: variable, access: access))
            }
        }
        self.devices = devices
    }

    /// The plugin upper-cases pool names, which are alphanumeric (1 to 20 characters).
    private static func isPoolSuffix(_ text: Substring) -> Bool {
        (1...20).contains(text.count) && text.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) }
    }

    /// The plugin's device name rule (`^[a-zA-Z0-9_-]+$`), within a netdev name's 15 bytes.
    private static func isNetdevName(_ text: String) -> Bool {
        (1...CNEConfig.LPort.maxNetdevLength).contains(text.utf8.count)
            && text.utf8.allSatisfy { c in
                (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) || c == 0x5F || c == 0x2D
            }
    }

    private static func access(of netdev: String, _ layout: Layout) -> Access? {
        let socket = layout.socketPath(of: netdev)
        if fileType(socket) == S_IFSOCK { return .socket(socket) }
        let map = layout.pinnedMapPath(of: netdev)
        if fileType(map) == S_IFREG { return .pinnedMap(map) }
        return nil
    }

    /// The old layout: one socket for all devices; one pinned map, so for one device only.
    private static func legacyAccess(_ layout: Layout, deviceCount: Int) -> Access? {
        if fileType(layout.legacySocket) == S_IFSOCK { return .socket(layout.legacySocket) }
        if deviceCount == 1, fileType(layout.legacyPinnedMap) == S_IFREG { return .pinnedMap(layout.legacyPinnedMap) }
        return nil
    }

    /// The file type bits of `path` (links followed, as the kernel does on connect and on
    /// BPF_OBJ_GET), or nil when it cannot be seen. A pinned BPF object reads as a regular file.
    private static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }
}

/// What is wrong with the device plugin's variables or mounts, and where.
///
/// A struct over an internal enum, so new kinds can be added without breaking callers that
/// switch over ``code-swift.property``.
public struct DevicePluginEnvironmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of problem.
    public enum Code: Sendable, Hashable {
        /// No `AFXDP_DEVICES` or `AFXDP_DEVICES_<POOL>` variable: the pod requested no
        /// `afxdp/<pool>` resource, or the plugin did not allocate it.
        case notSet
        /// A variable starts with `AFXDP_DEVICES_` but its pool part is not an upper-case
        /// alphanumeric name of 1 to 20 characters, so it is not the plugin's.
        case invalidVariableName
        /// A variable lists no device.
        case emptyList
        /// A device name is not a netdev name (1 to 15 of `A-Z a-z 0-9 _ -`).
        case invalidDeviceName
        /// A device is listed twice (in one variable or two).
        case duplicateDevice
        /// Neither the device's socket nor its pinned map is there.
        case noSocketOrMap
        /// Expanding a config: an lport of that name already exists.
        case lportNameTaken
    }

    /// What kind of problem it is.
    public let code: Code
    /// The variable at fault, if one is.
    public let variable: String?
    /// The device at fault, if one is.
    public let device: String?
    /// The device's position in its variable's list (0-based), if a device is at fault.
    public let position: Int?
    /// For ``Code/duplicateDevice``: the variable that listed the device first.
    public let otherVariable: String?
    /// For ``Code/noSocketOrMap``: the paths looked at.
    public let paths: [String]

    init(
        _ code: Code, variable: String? = nil, device: String? = nil, position: Int? = nil,
        otherVariable: String? = nil, paths: [String] = []
    ) {
        self.code = code
        self.variable = variable
        self.device = device
        self.position = position
        self.otherVariable = otherVariable
        self.paths = paths
    }

    /// One line for a person: `error: AFXDP_DEVICES_POOL1: device 2 "eth/0": ...`.
    public var description: String { "error: " + message }

    /// What is wrong, naming the variable and the device: `AFXDP_DEVICES_POOL1: device 2 "eth/0": ...`.
    public var message: String {
        var text = ""
        if let variable { text += "\(variable): " }
        if let device, let position { text += "device \(position + 1) \"\(device)\": " } else if let device { text += "\"\(device)\": " }
        switch code {
        case .notSet:
            text += "no AFXDP_DEVICES_<POOL> variable is set: does the pod request an afxdp/<pool> resource of the AF_XDP device plugin?"
        case .invalidVariableName:
            text += "not a device plugin variable: expected AFXDP_DEVICES_ and a pool name in upper-case letters and digits (1 to 20)"
        case .emptyList:
            text += "lists no device (expected device names separated by spaces)"
        case .invalidDeviceName:
            text += "not a netdev name (expected 1 to 15 of A-Z a-z 0-9 _ -)"
        case .duplicateDevice:
            text += "listed twice" + (otherVariable.map { $0 == variable ? "" : " (first in \($0))" } ?? "")
        case .noSocketOrMap:
            text += "neither the plugin's socket nor its pinned map is there (looked for \(paths.joined(separator: " and "))): is the pool's UDS server disabled without map pinning?"
        case .lportNameTaken:
            text += "the config already has an lport of that name"
        }
        return text
    }
}
