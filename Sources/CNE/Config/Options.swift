extension CNEConfig {
    /// The packet API an application uses: the `pkt_api` option.
    public enum PacketAPI: String, Sendable, Equatable, CaseIterable {
        /// CNDP's `xskdev` API, straight on the AF_XDP socket (cndpfwd's default).
        case xskdev
        /// CNDP's `pktdev` API, through the PMD layer.
        case pktdev
    }

    /// The `pkt_api` option, if given.
    public var packetAPI: PacketAPI? { options["pkt_api"]?.string.flatMap(PacketAPI.init(rawValue:)) }

    /// The `no-metrics` option: whether metrics gathering is off.
    public var noMetrics: Bool { options["no-metrics"]?.bool ?? false }

    /// The `no-restapi` option: whether the REST API is off.
    public var noRestAPI: Bool { options["no-restapi"]?.bool ?? false }

    /// The `cli` option: whether the CLI is on.
    public var cli: Bool { options["cli"]?.bool ?? false }

    /// The `mode` option (cndpfwd: `drop`, `rx-only`, `tx-only`, `lb`, `loopback`, `fwd`, ...).
    /// Its values belong to each application, so CNE does not check them.
    public var mode: String? { options["mode"]?.string }

    /// The options CNE knows, with the type each must have.
    static let knownOptionTypes: [(name: String, type: String)] = [
        ("pkt_api", "a string"), ("no-metrics", "a boolean"), ("no-restapi", "a boolean"), ("cli", "a boolean"), ("mode", "a string"),
    ]

    /// Checks the known options' types and `pkt_api`'s value.
    func validateOptions() throws(CNEError) {
        for entry in options {
            let path: ConfigKeyPath = ["options", entry.name]
            if let known = Self.knownOptionTypes.first(where: { $0.name == entry.name.lowercased() }), known.type != entry.value.typeDescription {
                throw .config(.typeMismatch, "expected \(known.type), found \(entry.value.typeDescription)", at: provenance.location(path), keyPath: path)
            }
            if entry.name.lowercased() == "pkt_api", let text = entry.value.string, PacketAPI(rawValue: text) == nil {
                throw .config(.invalidValue, "unknown packet API \(ConfigText.quoted(text)) (expected one of: xskdev, pktdev)", at: provenance.location(path), keyPath: path)
            }
        }
    }
}
