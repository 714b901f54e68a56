#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A CNDP application configuration: the JSON-C file jcfg reads, as typed values.
///
/// Read one with ``init(contentsOf:cpuCount:)`` or ``init(parsing:file:cpuCount:)``, or build one
/// in code and call ``validate(cpuCount:)``: both paths check the same rules. Sections keep
/// document order (the lport order is the lport index). Section names match in any letter case,
/// as in jcfg; two sections whose names differ only in case are an error (jcfg would decode both
/// into one list).
///
/// Sections CNE does not know (jcfg's `lport-groups` and `users` among them) are kept undecoded
/// in ``extraSections`` for the application, without a warning, since applications register
/// their own sections with jcfg; unlike jcfg, CNE does not look for known sections inside them.
/// The document must be an object, and a known section must be an object (jcfg skips one that is not).
public struct CNEConfig: Sendable, Equatable {
    /// The `application` section: free-form values, usually `name` and `description`.
    public var application: [Entry]
    /// The `defaults` section, already applied to ``umems`` when decoded from a document.
    public var defaults: Defaults
    /// The `umems` section, in document order.
    public var umems: [UMem]
    /// The `lports` section, in document order: an lport's index is its position.
    public var lports: [LPort]
    /// The `lcore-groups` section, in document order.
    public var lcoreGroups: [LCoreGroup]
    /// The `options` section: free-form values, a few of which CNE knows (``packetAPI``, ``mode``, ...).
    public var options: [Entry]
    /// The `threads` section, in document order.
    public var threads: [Thread]
    /// Top-level sections CNE does not decode, in document order.
    public var extraSections: [JSONCMember]

    /// Where values came from and what was ignored; not part of the config's value.
    var provenance = ConfigProvenance()

    /// Keys the decoder ignored, as jcfg does; empty for a config built in code.
    public var warnings: [ConfigWarning] { provenance.warnings }

    /// Makes a config in code; call ``validate(cpuCount:)`` before using it.
    public init(
        application: [Entry] = [], defaults: Defaults = Defaults(), umems: [UMem] = [], lports: [LPort] = [],
        lcoreGroups: [LCoreGroup] = [], options: [Entry] = [], threads: [Thread] = [], extraSections: [JSONCMember] = []
    ) {
        self.application = application
        self.defaults = defaults
        self.umems = umems
        self.lports = lports
        self.lcoreGroups = lcoreGroups
        self.options = options
        self.threads = threads
        self.extraSections = extraSections
    }

    /// The section names CNE decodes, as jcfg spells them.
    public static let sectionNames = ["application", "defaults", "umems", "lports", "lcore-groups", "options", "threads"]

    /// The number of CPUs jcfg would check against (`get_nprocs()`: the CPUs online).
    public static var systemCPUCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Reads, decodes and validates a config file. `cpuCount` defaults to ``systemCPUCount``.
    public init(contentsOf path: String, cpuCount: Int? = nil) throws(CNEError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let underlying = (error as? CocoaError)?.userInfo["NSUnderlyingError"] as? POSIXError
            let errno = underlying.map { Int32($0.code.rawValue) } ?? 5  // EIO when Foundation does not say
            throw .system(errno, "reading \(path)", "cannot read the configuration file")
        }
        try self.init(parsing: Array(data), file: path, cpuCount: cpuCount)
    }

    /// Parses, decodes and validates a config document held in memory.
    public init(parsing bytes: [UInt8], file: String = "<string>", cpuCount: Int? = nil) throws(CNEError) {
        try self.init(document: JSONCDocument(parsing: bytes, file: file), cpuCount: cpuCount)
    }

    /// Parses, decodes and validates a config document held in a string.
    public init(parsing text: String, file: String = "<string>", cpuCount: Int? = nil) throws(CNEError) {
        try self.init(parsing: Array(text.utf8), file: file, cpuCount: cpuCount)
    }

    /// Decodes and validates a parsed document.
    public init(document: JSONCDocument, cpuCount: Int? = nil) throws(CNEError) {
        let cpus = cpuCount ?? Self.systemCPUCount
        let root = document.root
        guard let members = root.members else {
            throw .config(.typeMismatch, "expected an object of sections at the top level, found \(root.value.typeDescription)", at: root.location, keyPath: nil)
        }
        self.init()
        provenance.locations[ConfigKeyPath()] = root.location

        var sections: [(name: String, member: JSONCMember)] = []
        for member in members {
            guard let name = Self.sectionNames.first(where: { $0 == member.key.lowercased() }) else {
                extraSections.append(member)
                if !Self.applicationSectionNames.contains(member.key) {
                    provenance.warnings.append(Self.unknownSectionWarning(member))
                }
                continue
            }
            if let first = sections.first(where: { $0.name == name }) {
                throw .config(
                    .duplicateKey, "section \(ConfigText.quoted(member.key)) repeats \(ConfigText.quoted(first.member.key)) (section names ignore letter case)",
                    at: member.keyLocation, keyPath: [name], related: first.member.keyLocation)
            }
            provenance.record(member.value, at: [name])
            sections.append((name, member))
        }

        // Defaults first, wherever they are: jcfg reads them while creating each umem, so it only
        // honours a defaults section placed before umems.
        if let section = sections.first(where: { $0.name == "defaults" }) {
            defaults = try Defaults.decode(section.member.value, at: ["defaults"], warnings: &provenance.warnings)
        }
        for (name, member) in sections {
            let path: ConfigKeyPath = [name]
            switch name {
            case "application":
                application = try Self.decodeEntries(member.value, at: path)
            case "umems":
                for entry in try ConfigObjectReader(member.value, at: path).members {
                    umems.append(try UMem.decode(entry, at: path.appending(entry.key), defaults: defaults, warnings: &provenance.warnings))
                }
            case "lports":
                for entry in try ConfigObjectReader(member.value, at: path).members {
                    lports.append(try LPort.decode(entry, at: path.appending(entry.key), warnings: &provenance.warnings))
                }
            case "lcore-groups":
                for entry in try ConfigObjectReader(member.value, at: path).members {
                    lcoreGroups.append(try LCoreGroup.decode(entry, at: path.appending(entry.key), cpuCount: cpus))
                }
            case "options":
                options = try Self.decodeEntries(member.value, at: path)
            case "threads":
                for entry in try ConfigObjectReader(member.value, at: path).members {
                    threads.append(try Thread.decode(entry, at: path.appending(entry.key), warnings: &provenance.warnings))
                }
            default:
                break  // defaults: decoded above
            }
        }
        try validate(cpuCount: cpus)
    }
}
