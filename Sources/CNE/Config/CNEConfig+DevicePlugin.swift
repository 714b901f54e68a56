extension CNEConfig {
    /// The netdev part of a template lport: `"AFXDP_DEVICES:<suffix>"` stands for that lport
    /// on every device the device plugin gave the pod.
    public static let devicePluginTemplateNetdev = DevicePluginEnvironment.variable

    /// The template lports: those whose netdev is ``devicePluginTemplateNetdev``.
    public var devicePluginTemplates: [LPort] {
        lports.filter { $0.netdev == Self.devicePluginTemplateNetdev }
    }

    /// This config with each template lport (``devicePluginTemplates``) replaced by one lport per
    /// device of `environment`, in device order: named `<netdev>:<suffix>` after the
    /// template's `AFXDP_DEVICES:<suffix>`, with every setting of the template (pmd, qid, umem,
    /// region, busy polling, skb mode...) and the device's `uds_path` or `xsk_pin_path`.
    /// A thread that served a template serves all its lports. A config without templates
    /// comes back unchanged.
    ///
    /// So one image config serves any pod spec:
    ///
    /// ```jsonc
    /// "lports": { "AFXDP_DEVICES:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0" } }
    /// ```
    ///
    /// becomes, for `AFXDP_DEVICES_POOL1="net1 net2"`, `"net1:0"` and `"net2:0"`, each with
    /// `"uds_path": "/tmp/afxdp_dp/<netdev>/afxdp.sock"`.
    ///
    /// - Throws: ``DevicePluginEnvironmentError/Code/lportNameTaken`` when an expanded name is
    ///   already an lport of the config.
    public func expandingDevicePluginPorts(
        _ environment: DevicePluginEnvironment
    ) throws(DevicePluginEnvironmentError) -> CNEConfig {
        let templates = devicePluginTemplates
        guard !templates.isEmpty else { return self }
        var expanded = self
        var names: [String: [String]] = [:]  // template name -> its lports
        var taken = Set(lports.map(\.name)).subtracting(templates.map(\.name))
        var made: [LPort] = []
        for device in environment.devices {
            for template in templates {
                var lport = template
                let suffix = template.name.dropFirst(Self.devicePluginTemplateNetdev.count)  // "" or ":<suffix>"
                lport.name = device.netdev + suffix
                switch device.access {
                case .socket(let path):
                    lport.udsPath = path
                    lport.xskPinPath = nil
                case .pinnedMap(let path):
                    lport.xskPinPath = path
                    lport.udsPath = nil
                }
                guard taken.insert(lport.name).inserted else {
                    throw DevicePluginEnvironmentError(.lportNameTaken, variable: device.variable, device: lport.name)
                }
                made.append(lport)
                names[template.name, default: []].append(lport.name)
            }
        }
        let first = lports.firstIndex { $0.netdev == Self.devicePluginTemplateNetdev } ?? lports.endIndex
        let before = lports[..<first].filter { $0.netdev != Self.devicePluginTemplateNetdev }
        let after = lports[first...].filter { $0.netdev != Self.devicePluginTemplateNetdev }
        expanded.lports = before + made + after
        for index in expanded.threads.indices {
            expanded.threads[index].lports = expanded.threads[index].lports.flatMap { names[$0] ?? [$0] }
        }
        return expanded
    }
}
