#!/usr/bin/env bash
# cne-wg in gateway mode against Debian's wireguard-go: two client namespaces talk through the
# tunnel, with no TUN on our side.
#
#   client A ──veth── [clear port] cne-wg gateway [cipher port] ──veth── wireguard-go ──veth── client B
#   10.10.1.2          10.10.1.1 (AF_XDP)   192.168.178.2 (AF_XDP)      192.168.178.1       10.20.1.2
#   fd10::2            fd10::1                                        (kernel forwards)   fd20::2
#
# cne-wg routes 10.20.1.0/24 and fd20::/64 to the wireguard-go peer by AllowedIPs, wireguard-go
# routes 10.10.1.0/24 and fd10::/64 back. IPv4 pings go both ways (B first, so wireguard-go
# initiates and the gateway must ARP for client A while holding the decrypted packet; then A,
# through the session), then IPv6 ones (neighbour discovery on the clear port). Checked: no loss
# once the session is up, the TTL / hop limit each router takes off, full-size packets, the
# gateway's own counters, `wg show` and `wg set` (peers, allowed-ips, endpoint, keepalive)
# through our UAPI socket, and the per-peer metrics scraped with curl.
# Usage: Tests/WireGuard/gateway.sh <path-to-cne-wg>   (root; makes and removes its namespaces)
set -euo pipefail
umask 077   # keys

CNE_WG=$(realpath "${1:?usage: gateway.sh <path-to-cne-wg>}")
here=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../../scripts/netns-lib.sh
. "$here/scripts/netns-lib.sh"

id=$$
NS_A=wgca$id; NS_GW=wggw$id; NS_GO=wggo$id; NS_B=wgcb$id
WG_GO=wg${id}g     # wireguard-go's TUN
WG_GW=wg${id}w     # our interface name (the UAPI socket's; no netdev)
METRICS_PORT=9464  # inside the gateway's namespace: its loopback is its own
work=$(mktemp -d)

cleanup() {
    netns_cleanup
    rm -f "/var/run/wireguard/$WG_GW.sock"
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "gateway: FAIL: $*" >&2
    echo "--- cne-wg output (last lines):" >&2
    tail -n 20 "$work/gw.log" >&2 || true
    echo "--- wg show (wireguard-go):" >&2
    ip netns exec "$NS_GO" wg show "$WG_GO" >&2 || true
    exit 1
}

for tool in wireguard-go wg ping ip curl iperf3 ethtool; do
    command -v "$tool" >/dev/null || { echo "gateway: $tool missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done

for ns in "$NS_A" "$NS_GW" "$NS_GO" "$NS_B"; do netns_add "$ns"; done
netns_veth "$NS_A" vA$id - "$NS_GW" vGA$id -       # client A <-> clear port
netns_veth "$NS_GW" vGC$id - "$NS_GO" vO$id -      # cipher port <-> wireguard-go
netns_veth "$NS_GO" vOB$id - "$NS_B" vB$id -       # wireguard-go's LAN <-> client B

ip -n "$NS_A" addr add 10.10.1.2/24 dev vA$id
# A veth leaves TCP/UDP checksums for the "hardware" to fill in, and an AF_XDP socket receives
# them unfilled (a real NIC never hands those over): client A's kernel computes its own.
ip netns exec "$NS_A" ethtool -K vA$id tx off > /dev/null
ip -n "$NS_A" route add default via 10.10.1.1
ip -n "$NS_GO" addr add 192.168.178.1/24 dev vO$id
ip -n "$NS_GO" addr add 10.20.1.1/24 dev vOB$id
ip netns exec "$NS_GO" sysctl -qw net.ipv4.ip_forward=1
ip -n "$NS_B" addr add 10.20.1.2/24 dev vB$id
ip -n "$NS_B" route add default via 10.20.1.1
# IPv6 inside the tunnel too: clients A and B and wireguard-go's LAN (the gateway's veths stay
# without kernel IPv6: cne-wg does neighbour discovery on its clear port itself).
ip netns exec "$NS_A" sysctl -qw net.ipv6.conf.vA$id.disable_ipv6=0
ip -n "$NS_A" addr add fd10::2/64 dev vA$id nodad
ip -n "$NS_A" -6 route add default via fd10::1
ip netns exec "$NS_B" sysctl -qw net.ipv6.conf.vB$id.disable_ipv6=0
ip -n "$NS_B" addr add fd20::2/64 dev vB$id nodad
ip -n "$NS_B" -6 route add default via fd20::1
ip netns exec "$NS_GO" sysctl -qw net.ipv6.conf.vOB$id.disable_ipv6=0 net.ipv6.conf.all.forwarding=1
ip -n "$NS_GO" addr add fd20::1/64 dev vOB$id nodad
# The gateway's veth ends carry no kernel address: cne-wg owns them (AF_XDP) and answers ARP.

wg genkey > "$work/go.key"
wg genkey > "$work/gw.key"
GO_PUB=$(wg pubkey < "$work/go.key")
GW_PUB=$(wg pubkey < "$work/gw.key")

cat > "$work/gw.conf" <<CONF
[Interface]
PrivateKey = $(cat "$work/gw.key")
ListenPort = 51821

[Peer]
PublicKey = $GO_PUB
AllowedIPs = 10.20.1.0/24, fd20::/64
Endpoint = 192.168.178.1:51820
CONF

cat > "$work/gw.jsonc" <<JSON
{
    "application": { "name": "cne-wg", "description": "WireGuard gateway" },
    "defaults": { "bufcnt": 16, "bufsz": 2, "rxdesc": 2, "txdesc": 2, "cache": 256, "mtype": "4KB" },
    // One UMEM for both ports: a buffer received on one is sent on the other, uncopied.
    "umems": {
        "umem0": { "bufcnt": 16, "bufsz": 2, "mtype": "4KB", "regions": [8, 8], "rxdesc": 2, "txdesc": 2 }
    },
    "lports": {
        "vGA$id:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0", "region": 0, "skb_mode": true, "description": "clear" },
        "vGC$id:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0", "region": 1, "skb_mode": true, "description": "cipher" }
    },
    "lcore-groups": { "default": [0] },
    "options": { "pkt_api": "pktdev" },
    "threads": { "main": { "group": "default" } }
}
JSON

WG_PROCESS_FOREGROUND=1 ip netns exec "$NS_GO" wireguard-go -f "$WG_GO" > "$work/go.log" 2>&1 &
netns_track $!
for _ in $(seq 50); do ip -n "$NS_GO" link show "$WG_GO" >/dev/null 2>&1 && break; sleep 0.1; done
ip netns exec "$NS_GO" wg set "$WG_GO" listen-port 51820 private-key "$work/go.key" \
    peer "$GW_PUB" allowed-ips 10.10.1.0/24,fd10::/64 endpoint 192.168.178.2:51821
ip netns exec "$NS_GO" sysctl -qw net.ipv6.conf."$WG_GO".disable_ipv6=0
ip -n "$NS_GO" link set "$WG_GO" mtu 1420 up
ip -n "$NS_GO" route add 10.10.1.0/24 dev "$WG_GO"
ip -n "$NS_GO" -6 route add fd10::/64 dev "$WG_GO"

ip netns exec "$NS_GW" "$CNE_WG" --config "$work/gw.conf" --tun "$WG_GW" --duration 60 \
    --port-config "$work/gw.jsonc" --address 192.168.178.2 --clear-address 10.10.1.1/24 --clear-address fd10::1/64 \
    --metrics-port "$METRICS_PORT" > "$work/gw.log" 2>&1 &
netns_track $!
netns_wait_line "$work/gw.log" "cne-wg: gateway" 30 || fail "cne-wg gateway did not start"
grep -q "clear vGA$id:0" "$work/gw.log" || fail "the first lport is not the clear port: $(head -n 3 "$work/gw.log")"

# 1. Client B -> client A: wireguard-go initiates; the gateway decrypts, ARPs for A, holds the
#    packet meanwhile. The first ping may go while the handshake completes.
ip netns exec "$NS_B" ping -c 3 -i 0.3 -W 3 10.10.1.2 > "$work/ping-b1" || fail "ping client A from client B (wireguard-go initiates)"
ip netns exec "$NS_B" ping -c 20 -i 0.05 -W 2 10.10.1.2 > "$work/ping-b2" || fail "ping client A from client B, session up"
grep -q " 20 received" "$work/ping-b2" || { cat "$work/ping-b2" >&2; fail "pings lost from B to A once the session was up"; }
# A router takes one off the TTL: 64 at A, 63 after the gateway, 62 after wireguard-go's kernel.
grep -q "ttl=62" "$work/ping-b2" || { cat "$work/ping-b2" >&2; fail "replies to B did not cross two routers (ttl 62)"; }
echo "gateway: client B -> client A through wireguard-go and cne-wg: 20 of 20 after the handshake, ttl 62"

# 2. Client A -> client B through the same session.
ip netns exec "$NS_A" ping -c 20 -i 0.05 -W 2 10.20.1.2 > "$work/ping-a" || fail "ping client B from client A"
grep -q " 20 received" "$work/ping-a" || { cat "$work/ping-a" >&2; fail "pings lost from A to B"; }
grep -q "ttl=62" "$work/ping-a" || { cat "$work/ping-a" >&2; fail "replies to A did not cross two routers (ttl 62)"; }
# Full-size inner packets (1420 B tunnel MTU: 1392 B of ICMP payload), don't-fragment.
ip netns exec "$NS_A" ping -s 1392 -M do -c 3 -i 0.1 -W 2 10.20.1.2 > "$work/ping-big" || fail "1420 B pings from A to B"
echo "gateway: client A -> client B: 20 of 20, ttl 62; 1420 B packets pass"
# IPv6 inner: A's kernel asks the gateway for fd10::1 by neighbour solicitation (answered
# in-process), the packets go through the same session; hop limit 62 on arrival both ways.
ip netns exec "$NS_A" ping -6 -c 10 -i 0.05 -W 2 fd20::2 > "$work/ping6-a" || fail "ping6 client B from client A"
grep -q " 10 received" "$work/ping6-a" || { cat "$work/ping6-a" >&2; fail "ping6 lost packets from A to B"; }
grep -q "ttl=62" "$work/ping6-a" || { cat "$work/ping6-a" >&2; fail "ping6 replies to A did not cross two routers (hop limit 62)"; }
ip netns exec "$NS_B" ping -6 -c 10 -i 0.05 -W 2 fd10::2 > "$work/ping6-b" || fail "ping6 client A from client B"
grep -q " 10 received" "$work/ping6-b" || { cat "$work/ping6-b" >&2; fail "ping6 lost packets from B to A"; }
ip netns exec "$NS_A" ping -6 -s 1372 -M do -c 3 -i 0.1 -W 2 fd20::2 > "$work/ping6-big" || fail "1420 B IPv6 packets from A to B"
echo "gateway: IPv6 inner: A <-> B 10 of 10 each way, hop limit 62, 1420 B packets pass"
# The gateway answers as a router: too big for the tunnel with DF set -> "fragmentation needed"
# with the tunnel's MTU (path MTU discovery); TTL 1 -> "time exceeded"; IPv6 the same with
# "packet too big" and "hop limit exceeded". The kernel's ping prints what it received.
ip netns exec "$NS_A" ping -s 1472 -M do -c 1 -W 2 10.20.1.2 > "$work/ping-toobig" 2>&1 || true
grep -q "mtu = 1420" "$work/ping-toobig" || { cat "$work/ping-toobig" >&2; fail "no fragmentation-needed (mtu 1420) from the gateway for a 1500 B DF packet"; }
ip netns exec "$NS_A" ping -t 1 -c 1 -W 2 10.20.1.2 > "$work/ping-ttl" 2>&1 || true
grep -q "From 10.10.1.1 .*Time to live exceeded" "$work/ping-ttl" || { cat "$work/ping-ttl" >&2; fail "no time exceeded from the gateway for TTL 1"; }
ip netns exec "$NS_A" ping -6 -s 1452 -M do -c 1 -W 2 fd20::2 > "$work/ping6-toobig" 2>&1 || true
grep -qi "mtu=1420\|mtu = 1420" "$work/ping6-toobig" || { cat "$work/ping6-toobig" >&2; fail "no packet too big (mtu 1420) from the gateway for a 1500 B IPv6 packet"; }
ip netns exec "$NS_A" ping -6 -t 1 -c 1 -W 2 fd20::2 > "$work/ping6-hl" 2>&1 || true
grep -q "From fd10::1 .*Time exceeded" "$work/ping6-hl" || { cat "$work/ping6-hl" >&2; fail "no hop limit exceeded from the gateway for hop limit 1"; }
sleep 1.2
line=$(grep "^gateway " "$work/gw.log" | tail -n 1)
icmp=$(awk '{ for (i = 1; i < NF; i++) if ($i == "icmp-sent") print $(i + 1) }' <<< "$line")
[ "${icmp:-0}" -ge 4 ] || fail "the gateway counted $icmp ICMP errors sent, expected 4 ($line)"
echo "gateway: ICMP errors from the gateway: fragmentation needed / packet too big (mtu 1420), time / hop limit exceeded ($icmp sent)"

# 3. The gateway's own counts (printed each second; wait for a fresh line).
sleep 1.2
line=$(grep "^gateway " "$work/gw.log" | tail -n 1)
count() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' <<< "$line"; }
enc=$(count encrypted); dec=$(count decrypted); held=$(count released-after-arp)
# Each ping is one packet each way through the gateway: 23 + 20 + 3 requests and replies at least.
[ "${enc:-0}" -ge 43 ] || fail "gateway encrypted $enc packets, expected 43 or more ($line)"
[ "${dec:-0}" -ge 43 ] || fail "gateway decrypted $dec packets, expected 43 or more ($line)"
[ "${held:-0}" -ge 1 ] || fail "no decrypted packet waited for ARP on the clear side ($line)"
[ "$(count tx-ring-full)" = 0 ] || fail "TX ring full: $line"
read -r rx tx <<< "$(ip netns exec "$NS_GO" wg show "$WG_GO" transfer | awk '{print $2, $3}')"
[ "$rx" -gt 0 ] && [ "$tx" -gt 0 ] || fail "wireguard-go's counters: received $rx, sent $tx"
echo "gateway: $line"
echo "gateway: wireguard-go: received $rx B, sent $tx B"

# A bounded TCP stream (2 s) from B to A through wireguard-go and the gateway, and one from A
# to B. (The servers end themselves: -1 and a timeout bound them.)
for dir in b-to-a a-to-b; do
    if [ $dir = b-to-a ]; then srv=$NS_A; cli=$NS_B; to=10.10.1.2; else srv=$NS_B; cli=$NS_A; to=10.20.1.2; fi
    ip netns exec "$srv" timeout 10 iperf3 -s -1 -B "$to" > "$work/iperf-server-$dir" 2>&1 &
    server=$!
    for _ in $(seq 50); do ip netns exec "$srv" ss -ltn | grep -q ":5201 " && break; sleep 0.1; done
    ip netns exec "$cli" timeout 15 iperf3 -c "$to" -t 2 -f m > "$work/iperf-$dir" 2>&1 || { cat "$work/iperf-$dir" "$work/iperf-server-$dir" >&2; ip netns exec "$srv" ss -ltn >&2; fail "iperf3 $dir through the gateway"; }
    wait "$server" 2>/dev/null || true
    rate=$(awk '/receiver/ {print $(NF-2), $(NF-1)}' "$work/iperf-$dir")
    [ -n "$rate" ] || fail "iperf3 $dir printed no receiver rate"
    echo "gateway: iperf3 TCP 2 s $dir: $rate"
done

# 4. `wg show` on the gateway, through cne-wg's UAPI socket.
peers=$(ip netns exec "$NS_GW" wg show "$WG_GW" peers) || fail "wg show $WG_GW (cne-wg's UAPI) failed"
[ "$peers" = "$GO_PUB" ] || fail "wg show on the gateway lists '$peers'"
hs=$(ip netns exec "$NS_GW" wg show "$WG_GW" latest-handshakes | awk '{print $2}')
[ "${hs:-0}" -gt 0 ] || fail "wg show on the gateway: no handshake"

# 5. `wg set` through our UAPI socket, with the stock wg tool.
gw_wg() { ip netns exec "$NS_GW" wg "$@"; }
FAKE_PUB=$(wg genkey | wg pubkey)
gw_wg set "$WG_GW" peer "$FAKE_PUB" allowed-ips 10.30.0.0/24 endpoint 192.168.178.9:51820 || fail "wg set: adding a peer"
[ "$(gw_wg show "$WG_GW" peers | wc -l)" = 2 ] || fail "wg set: the added peer is not listed"
gw_wg show "$WG_GW" allowed-ips | grep -q "^$FAKE_PUB	10.30.0.0/24$" || fail "wg set: the added peer's allowed IPs"
gw_wg show "$WG_GW" endpoints | grep -q "^$FAKE_PUB	192.168.178.9:51820$" || fail "wg set: the added peer's endpoint"
gw_wg set "$WG_GW" peer "$FAKE_PUB" remove || fail "wg set: removing a peer"
[ "$(gw_wg show "$WG_GW" peers)" = "$GO_PUB" ] || fail "wg set: the removed peer is still listed"
# A bad request is refused whole, with an error the tool reports.
if gw_wg set "$WG_GW" listen-port 4 2>/dev/null; then fail "wg set: changing the listen port was accepted"; fi
# allowed-ips: with B's subnet taken from the peer, A's packets have no route; given back, they pass.
gw_wg set "$WG_GW" peer "$GO_PUB" allowed-ips 10.99.0.0/24 || fail "wg set: allowed-ips"
gw_wg show "$WG_GW" allowed-ips | grep -q "	10.99.0.0/24$" || fail "wg set: allowed-ips not shown"
if ip netns exec "$NS_A" ping -c 2 -i 0.2 -W 1 10.20.1.2 > /dev/null; then fail "pings to B passed with 10.20.1.0/24 not in the peer's allowed IPs"; fi
gw_wg set "$WG_GW" peer "$GO_PUB" allowed-ips 10.20.1.0/24,fd20::/64 || fail "wg set: allowed-ips back"
ip netns exec "$NS_A" ping -c 5 -i 0.1 -W 2 10.20.1.2 | grep -q " 5 received" || fail "pings to B after the allowed IPs were restored"
# endpoint: wireguard-go moves to port 51830; until told, the gateway still sends to 51820.
ip netns exec "$NS_GO" wg set "$WG_GO" listen-port 51830
if ip netns exec "$NS_A" ping -c 2 -i 0.2 -W 1 10.20.1.2 > /dev/null; then fail "pings passed to wireguard-go's old port"; fi
gw_wg set "$WG_GW" peer "$GO_PUB" endpoint 192.168.178.1:51830 || fail "wg set: endpoint"
gw_wg show "$WG_GW" endpoints | grep -q "	192.168.178.1:51830$" || fail "wg set: the new endpoint is not shown"
ip netns exec "$NS_A" ping -c 5 -i 0.1 -W 2 10.20.1.2 | grep -q " 5 received" || fail "pings to B after the endpoint moved"
# persistent-keepalive 1: with no traffic, wireguard-go keeps receiving from us.
gw_wg set "$WG_GW" peer "$GO_PUB" persistent-keepalive 1 || fail "wg set: persistent-keepalive"
[ "$(gw_wg show "$WG_GW" persistent-keepalive | awk '{print $2}')" = 1 ] || fail "wg set: persistent-keepalive not shown"
sleep 0.5
k0=$(ip netns exec "$NS_GO" wg show "$WG_GO" transfer | awk '{print $2}')
sleep 3.5
k1=$(ip netns exec "$NS_GO" wg show "$WG_GO" transfer | awk '{print $2}')
[ "$k1" -ge $((k0 + 64)) ] || fail "persistent keepalive: wireguard-go received $((k1 - k0)) B in 3.5 s idle (expected 3 keepalives of 32 B; 2 at least)"
gw_wg set "$WG_GW" peer "$GO_PUB" persistent-keepalive off || fail "wg set: persistent-keepalive off"
# wg showconf | wg setconf: the whole configuration read back and written again (replace_peers:
# the peer is removed and re-added, so its session goes and a new handshake must follow).
hs_before=$(gw_wg show "$WG_GW" latest-handshakes | awk '{print $2}')
gw_wg showconf "$WG_GW" > "$work/showconf" || fail "wg showconf on the gateway"
grep -q "^PublicKey = $GO_PUB$" "$work/showconf" || fail "wg showconf: no peer section"
sleep 1.1   # wg counts handshakes in seconds
gw_wg setconf "$WG_GW" "$work/showconf" || fail "wg setconf on the gateway"
[ "$(gw_wg show "$WG_GW" peers)" = "$GO_PUB" ] || fail "wg setconf: the peer is not back"
ip netns exec "$NS_A" ping -c 5 -i 0.2 -W 3 10.20.1.2 > "$work/ping-setconf" || fail "pings to B after wg setconf"
hs_after=$(gw_wg show "$WG_GW" latest-handshakes | awk '{print $2}')
[ "${hs_after:-0}" -gt "${hs_before:-0}" ] || fail "no new handshake after wg setconf replaced the peer ($hs_before -> $hs_after)"
echo "gateway: wg set: a peer added and removed; a listen-port change refused; allowed-ips, endpoint and persistent-keepalive ($((k1 - k0)) B of keepalives in 3.5 s idle) applied; wg showconf | wg setconf round trip, then a new handshake"

# 6. The per-peer metrics, scraped as Prometheus would (published each second).
sleep 1.2
ip netns exec "$NS_GW" curl -sf --max-time 5 "http://127.0.0.1:$METRICS_PORT/metrics" > "$work/metrics" || fail "curl /metrics"
metric() { awk -v m="$1" -v p="$2" 'index($0, m "{") == 1 && index($0, p) { print $NF }' "$work/metrics" | head -n 1; }
m_rx=$(metric wireguard_peer_received_bytes_total "peer=\"$GO_PUB\"")
m_tx=$(metric wireguard_peer_sent_bytes_total "peer=\"$GO_PUB\"")
m_hs=$(metric wireguard_peer_last_handshake_seconds "peer=\"$GO_PUB\"")
m_enc=$(awk '$1 == "cne_wg_gateway_encrypted_total" { print $2 }' "$work/metrics")
m_port=$(metric cne_port_ipackets_total "port=\"vGC$id:0\"")
[ "${m_rx%.*}" -gt 0 ] 2>/dev/null || fail "metrics: wireguard_peer_received_bytes_total for the peer is '$m_rx'"
[ "${m_tx%.*}" -gt 0 ] 2>/dev/null || fail "metrics: wireguard_peer_sent_bytes_total for the peer is '$m_tx'"
now=$(date +%s)
[ "${m_hs%.*}" -gt $((now - 120)) ] 2>/dev/null && [ "${m_hs%.*}" -le $((now + 1)) ] || fail "metrics: last handshake '$m_hs' is not within the last 2 minutes ($now)"
[ "${m_enc:-0}" -ge "$enc" ] 2>/dev/null || fail "metrics: cne_wg_gateway_encrypted_total '$m_enc' < $enc"
[ "${m_port%.*}" -gt 0 ] 2>/dev/null || fail "metrics: no cipher-port counter (cne_port_ipackets_total: '$m_port')"
m_noroute=$(metric wireguard_dropped_total 'reason="noRoute"')
[ "${m_noroute%.*}" -ge 2 ] 2>/dev/null || fail "metrics: the pings without a route were not counted (wireguard_dropped_total noRoute: '$m_noroute')"
echo "gateway: metrics: peer received $m_rx B, sent $m_tx B, last handshake $m_hs; encrypted $m_enc; dropped for no route $m_noroute; cipher port rx $m_port packets"

# 7. The same gateway over IPv6 outer: a fresh cne-wg whose cipher port has fd00:178::2 only
#    (neighbour discovery with wireguard-go's kernel in-process), the peer at [fd00:178::1]:51830.
netns_stop_last() { local p=${NETNS_PIDS[-1]}; kill "$p"; wait "$p" 2>/dev/null || true; unset 'NETNS_PIDS[-1]'; }
netns_stop_last
ip netns exec "$NS_GO" sysctl -qw net.ipv6.conf.vO$id.disable_ipv6=0
ip -n "$NS_GO" addr add fd00:178::1/64 dev vO$id nodad
ip netns exec "$NS_GO" wg set "$WG_GO" peer "$GW_PUB" endpoint "[fd00:178::2]:51821"
sed 's/^Endpoint = .*/Endpoint = [fd00:178::1]:51830/' "$work/gw.conf" > "$work/gw6.conf"
sleep 1.1   # TAI64N: the new initiation must be later than the last
ip netns exec "$NS_GW" "$CNE_WG" --config "$work/gw6.conf" --tun "$WG_GW" --duration 60 \
    --port-config "$work/gw.jsonc" --address fd00:178::2 --clear-address 10.10.1.1/24 --clear-address fd10::1/64 \
    > "$work/gw6.log" 2>&1 &
netns_track $!
netns_wait_line "$work/gw6.log" "cne-wg: gateway" 30 || fail "cne-wg gateway (IPv6 outer) did not start"
ip netns exec "$NS_A" ping -c 3 -i 0.3 -W 3 10.20.1.2 > "$work/ping-o6a" || fail "ping B from A through the gateway over IPv6 outer (it initiates)"
ip netns exec "$NS_A" ping -c 10 -i 0.05 -W 2 10.20.1.2 | grep -q " 10 received" || fail "pings lost from A to B over IPv6 outer"
ip netns exec "$NS_B" ping -6 -c 10 -i 0.05 -W 2 fd10::2 | grep -q " 10 received" || fail "ping6 lost from B to A over IPv6 outer"
ip netns exec "$NS_A" ping -s 1392 -M do -c 2 -i 0.1 -W 2 10.20.1.2 > /dev/null || fail "1420 B pings over IPv6 outer (1500 B frames)"
ip netns exec "$NS_GO" wg show "$WG_GO" endpoints | grep -q "\[fd00:178::2\]:51821" || fail "wireguard-go does not see the gateway at its IPv6 endpoint"
echo "gateway: over IPv6 outer: A -> B 10 of 10, B -> A (v6 inner) 10 of 10, 1420 B packets pass"
echo "gateway: PASS"
