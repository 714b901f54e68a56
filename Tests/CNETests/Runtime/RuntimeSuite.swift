import Testing
@testable import CNE

/// Every test that opens an ``Instance``: one instance per process, so they run one at a time.
@Suite(.serialized) enum RuntimeSuite {}

/// A config for `lports`, each `(name, pmd, qid, extra JSON members)`, over one umem with one
/// region per lport.
func portsConfig(
    _ lports: [(name: String, pmd: String, qid: Int, extra: String)],
    bufcnt: Int = 4, pktAPI: String = "pktdev"
) -> String {
    let regions = Array(repeating: String(bufcnt), count: lports.count).joined(separator: ", ")
    let ports = lports.enumerated().map { index, p in
        """
        "\(p.name)": { "pmd": "\(p.pmd)", "qid": \(p.qid), "umem": "umem0", "region": \(index)\(p.extra) }
        """
    }.joined(separator: ",\n")
    return """
    {
      "application": { "name": "cne-tests" },
      "defaults": { "bufcnt": 16, "bufsz": 2, "rxdesc": 1, "txdesc": 1, "cache": 64 },
      "umems": { "umem0": { "bufcnt": \(bufcnt * lports.count), "bufsz": 2, "regions": [\(regions)] } },
      "lports": { \(ports) },
      "lcore-groups": { "default": [0] },
      "options": { "pkt_api": "\(pktAPI)" }
    }
    """
}

/// A one-port net_null instance's config (4096 buffers).
func nullConfig(frameLength: Int? = nil) throws(CNEError) -> CNEConfig {
    let pmd = frameLength.map { "net_null:len=\($0)" } ?? "net_null"
    return try CNEConfig(parsing: portsConfig([("null0:0", pmd, 0, "")]))
}
