# swift-cndp: the gateway benchmarks' rig (sourced by gateway.sh and allocations.sh, after
# scripts/netns-lib.sh, with id, work, NS_A, NS_GW, NS_GO and WG_GO set): client A ⇄ the gateway
# namespace (clear veth vGA, cipher veth vGC) ⇄ a wireguard-go peer whose tunnel address
# 10.177.0.1 is the far end; writes the gateway's wg-quick config ($work/gw.conf, GW_PUB and
# GO_PUB set) and its CNE port config ($work/gw.jsonc: both veths on one UMEM, copy mode).
for ns in "$NS_A" "$NS_GW" "$NS_GO"; do netns_add "$ns"; done
netns_veth "$NS_A" vA$id - "$NS_GW" vGA$id -
netns_veth "$NS_GW" vGC$id - "$NS_GO" vO$id -
ip -n "$NS_A" addr add 10.10.1.2/24 dev vA$id
ip -n "$NS_A" route add default via 10.10.1.1
# Checksums filled in by the sender (an AF_XDP socket on a veth receives them unfilled; see
# Tests/WireGuard/gateway.sh).
ip netns exec "$NS_A" ethtool -K vA$id tx off > /dev/null
ip -n "$NS_GO" addr add 192.168.178.1/24 dev vO$id
ip netns exec "$NS_GW" sysctl -qw net.ipv4.ip_forward=1
wg genkey > "$work/go.key"; wg genkey > "$work/gw.key"
GO_PUB=$(wg pubkey < "$work/go.key"); GW_PUB=$(wg pubkey < "$work/gw.key")
cat > "$work/gw.conf" <<CONF
[Interface]
PrivateKey = $(cat "$work/gw.key")
ListenPort = 51821
[Peer]
PublicKey = $GO_PUB
AllowedIPs = 10.177.0.0/24
Endpoint = 192.168.178.1:51820
CONF
cat > "$work/gw.jsonc" <<JSON
{
    "application": { "name": "cne-wg", "description": "WireGuard gateway" },
    "defaults": { "bufcnt": 16, "bufsz": 2, "rxdesc": 2, "txdesc": 2, "cache": 256, "mtype": "4KB" },
    "umems": { "umem0": { "bufcnt": 16, "bufsz": 2, "mtype": "4KB", "regions": [8, 8], "rxdesc": 2, "txdesc": 2 } },
    "lports": {
        "vGA$id:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0", "region": 0, "skb_mode": true },
        "vGC$id:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0", "region": 1, "skb_mode": true }
    },
    "lcore-groups": { "default": [0] },
    "options": { "pkt_api": "pktdev" },
    "threads": { "main": { "group": "default" } }
}
JSON
WG_PROCESS_FOREGROUND=1 ip netns exec "$NS_GO" wireguard-go -f "$WG_GO" > /dev/null 2>&1 &
netns_track $!
for _ in $(seq 50); do ip -n "$NS_GO" link show "$WG_GO" >/dev/null 2>&1 && break; sleep 0.1; done
ip netns exec "$NS_GO" wg set "$WG_GO" listen-port 51820 private-key "$work/go.key" \
    peer "$GW_PUB" allowed-ips 10.10.1.0/24 endpoint 192.168.178.2:51821
ip -n "$NS_GO" addr add 10.177.0.1/24 dev "$WG_GO"
ip -n "$NS_GO" link set "$WG_GO" mtu 1420 up
ip -n "$NS_GO" route add 10.10.1.0/24 dev "$WG_GO"
