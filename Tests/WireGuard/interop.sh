#!/usr/bin/env bash
# cne-wg (WireGuardCore) against Debian's wireguard-go, each in its own network namespace over a
# veth pair: ping v4 and v6 through the tunnel with the handshake started from either side, and
# `wg show` on the wireguard-go side showing the handshake and the transfer counters; then cne-wg
# on an AF_XDP port, over IPv4 outer and over IPv6 outer.
# Usage: Tests/WireGuard/interop.sh <path-to-cne-wg>   (root; makes and removes its namespaces)
set -euo pipefail
umask 077   # keys

CNE_WG=${1:?usage: interop.sh <path-to-cne-wg>}
CNE_WG=$(realpath "$CNE_WG")
id=$$
NS_GO=wggo$id          # wireguard-go's side
NS_US=wgus$id          # cne-wg's side
VETH_GO=vwg${id}g
VETH_US=vwg${id}u
WG_GO=wg${id}g
WG_US=wg${id}u
work=$(mktemp -d)
pids=()

cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    ip netns del "$NS_GO" 2>/dev/null || true
    ip netns del "$NS_US" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "interop: FAIL: $*" >&2
    echo "--- cne-wg output (last lines):" >&2
    tail -n 20 "$work"/us*.log >&2 || true
    echo "--- wg show (wireguard-go):" >&2
    ip netns exec "$NS_GO" wg show "$WG_GO" >&2 || true
    exit 1
}

for tool in wireguard-go wg ping ip iperf3; do
    command -v "$tool" >/dev/null || { echo "interop: $tool missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done

ip netns add "$NS_GO"
ip netns add "$NS_US"
ip link add "$VETH_GO" type veth peer name "$VETH_US"
ip link set "$VETH_GO" netns "$NS_GO"
ip link set "$VETH_US" netns "$NS_US"
for ns in "$NS_GO" "$NS_US"; do
    ip netns exec "$ns" ip link set lo up
    # IPv6 inside the tunnel; on the outer veth only in phase 4 (IPv6 outer), wireguard-go's end.
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
done
ip netns exec "$NS_GO" sysctl -qw net.ipv6.conf."$VETH_GO".disable_ipv6=1
ip netns exec "$NS_US" sysctl -qw net.ipv6.conf."$VETH_US".disable_ipv6=1
ip netns exec "$NS_GO" ip addr add 192.168.177.1/24 dev "$VETH_GO"
ip netns exec "$NS_US" ip addr add 192.168.177.2/24 dev "$VETH_US"
ip netns exec "$NS_GO" ip link set "$VETH_GO" up
ip netns exec "$NS_US" ip link set "$VETH_US" up

wg genkey > "$work/go.key"
wg genkey > "$work/us.key"
GO_PUB=$(wg pubkey < "$work/go.key")
US_PUB=$(wg pubkey < "$work/us.key")
wg genpsk > "$work/psk"

cat > "$work/us.conf" <<CONF
# cne-wg's side (wg-quick format)
[Interface]
PrivateKey = $(cat "$work/us.key")
ListenPort = 51821

[Peer]
PublicKey = $GO_PUB
PresharedKey = $(cat "$work/psk")
AllowedIPs = 10.177.0.1/32, fd77::1/128
Endpoint = 192.168.177.1:51820
CONF

# wireguard-go: the real peer, configured with the stock wg tool over its UAPI socket.
WG_PROCESS_FOREGROUND=1 ip netns exec "$NS_GO" wireguard-go -f "$WG_GO" > "$work/go.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do ip netns exec "$NS_GO" ip link show "$WG_GO" >/dev/null 2>&1 && break; sleep 0.1; done
ip netns exec "$NS_GO" wg set "$WG_GO" listen-port 51820 private-key "$work/go.key" \
    peer "$US_PUB" preshared-key "$work/psk" allowed-ips 10.177.0.2/32,fd77::2/128 endpoint 192.168.177.2:51821
ip netns exec "$NS_GO" sysctl -qw net.ipv6.conf."$WG_GO".disable_ipv6=0
ip netns exec "$NS_GO" ip addr add 10.177.0.1/24 dev "$WG_GO"
ip netns exec "$NS_GO" ip addr add fd77::1/64 dev "$WG_GO" nodad
ip netns exec "$NS_GO" ip link set "$WG_GO" mtu 1420 up

start_us() {   # $1: log name
    ip netns exec "$NS_US" "$CNE_WG" --config "$work/us.conf" --tun "$WG_US" --duration 60 --metrics-port 9464 > "$work/$1.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 50); do ip netns exec "$NS_US" ip link show "$WG_US" >/dev/null 2>&1 && break; sleep 0.1; done
    ip netns exec "$NS_US" ip link show "$WG_US" >/dev/null 2>&1 || fail "cne-wg did not create $WG_US"
    ip netns exec "$NS_US" sysctl -qw net.ipv6.conf."$WG_US".disable_ipv6=0
    ip netns exec "$NS_US" ip addr add 10.177.0.2/24 dev "$WG_US"
    ip netns exec "$NS_US" ip addr add fd77::2/64 dev "$WG_US" nodad
    ip netns exec "$NS_US" ip link set "$WG_US" mtu 1420 up
}

stop_us() {
    local p=${pids[-1]}
    kill "$p"
    wait "$p" 2>/dev/null || true
    unset 'pids[-1]'
}

# `wg show` on our side, through cne-wg's UAPI socket: the peer, a handshake, traffic both ways.
check_our_wg_show() {
    local peers hs rxo txo
    peers=$(ip netns exec "$NS_US" wg show "$WG_US" peers) || fail "wg show $WG_US (cne-wg's UAPI) failed"
    [ "$peers" = "$GO_PUB" ] || fail "wg show on cne-wg lists '$peers', not wireguard-go's key"
    hs=$(ip netns exec "$NS_US" wg show "$WG_US" latest-handshakes | awk '{print $2}')
    [ "${hs:-0}" -gt 0 ] || fail "wg show on cne-wg: no handshake"
    read -r rxo txo <<< "$(ip netns exec "$NS_US" wg show "$WG_US" transfer | awk '{print $2, $3}')"
    [ "$rxo" -gt 0 ] && [ "$txo" -gt 0 ] || fail "wg show on cne-wg: transfer $rxo / $txo"
    echo "interop: wg show on cne-wg's side (UAPI): peer listed, latest handshake $hs, received $rxo B, sent $txo B"
}

# cne-wg's per-peer metrics (its namespace's loopback, port 9464), scraped with curl: bytes both
# ways and a handshake for wireguard-go's key (published each second: wait for one).
check_our_metrics() {
    local m rx tx hs
    sleep 1.1
    m=$(ip netns exec "$NS_US" curl -sf --max-time 5 http://127.0.0.1:9464/metrics) || fail "curl cne-wg's /metrics"
    rx=$(awk -v p="peer=\"$GO_PUB\"" 'index($0, "wireguard_peer_received_bytes_total{") == 1 && index($0, p) { print $NF }' <<< "$m")
    tx=$(awk -v p="peer=\"$GO_PUB\"" 'index($0, "wireguard_peer_sent_bytes_total{") == 1 && index($0, p) { print $NF }' <<< "$m")
    hs=$(awk -v p="peer=\"$GO_PUB\"" 'index($0, "wireguard_peer_handshakes_total{") == 1 && index($0, p) { print $NF }' <<< "$m")
    [ "${rx%.*}" -gt 0 ] 2>/dev/null && [ "${tx%.*}" -gt 0 ] 2>/dev/null && [ "${hs%.*}" -ge 1 ] 2>/dev/null \
        || fail "cne-wg's metrics for the peer: received '$rx', sent '$tx', handshakes '$hs'"
    echo "interop: cne-wg's /metrics: peer received $rx B, sent $tx B, $hs handshake(s)"
}

handshake_time() { ip netns exec "$NS_GO" wg show "$WG_GO" latest-handshakes | awk '{print $2}'; }
transfer() { ip netns exec "$NS_GO" wg show "$WG_GO" transfer | awk '{print $2, $3}'; }

# 1. wireguard-go initiates: the first ping from its side starts the handshake.
start_us us1
ip netns exec "$NS_GO" ping -c 3 -i 0.2 -W 3 10.177.0.2 > "$work/ping1" || fail "ping 10.177.0.2 from wireguard-go's side (it initiates)"
ip netns exec "$NS_GO" ping -6 -c 3 -i 0.2 -W 3 fd77::2 > "$work/ping1v6" || fail "ping6 fd77::2 from wireguard-go's side"
first=$(handshake_time)
[ "${first:-0}" -gt 0 ] || fail "wg show lists no handshake after wireguard-go initiated"
read -r rx1 tx1 <<< "$(transfer)"
echo "interop: wireguard-go initiated: ping v4 and v6 through cne-wg passed"

# 2. cne-wg initiates: a fresh cne-wg (no session) handshakes on its first outgoing packet.
stop_us
grep -q "handshakes 1" "$work/us1.log" || fail "cne-wg reported no handshake in run 1"
sleep 1.1   # TAI64N timestamps must increase; wg show counts seconds
start_us us2
ip netns exec "$NS_US" ping -c 3 -i 0.2 -W 3 10.177.0.1 > "$work/ping2" || fail "ping 10.177.0.1 from cne-wg's side (it initiates)"
ip netns exec "$NS_US" ping -6 -c 3 -i 0.2 -W 3 fd77::1 > "$work/ping2v6" || fail "ping6 fd77::1 from cne-wg's side"
second=$(handshake_time)
[ "${second:-0}" -gt "$first" ] || fail "wg show: no newer handshake after cne-wg initiated ($first -> $second)"
read -r rx tx <<< "$(transfer)"
[ "$rx" -gt "$rx1" ] && [ "$tx" -gt "$tx1" ] || fail "wg show transfer counters did not grow in run 2 ($rx1/$tx1 -> $rx/$tx)"
echo "interop: cne-wg initiated: ping v4 and v6 passed; wg show: latest handshake $second, received $rx B, sent $tx B"
ip netns exec "$NS_GO" wg show "$WG_GO" | sed 's/^/    /'
check_our_wg_show
check_our_metrics
stop_us
grep -E "^peer" "$work/us2.log" | tail -n 1 | sed 's/^/    cne-wg: /'
if grep -q "^drops" "$work/us2.log"; then grep "^drops" "$work/us2.log" | tail -n 1 | sed 's/^/    cne-wg: /'; fi

# 3. cne-wg on a CNE port: the outer UDP on an AF_XDP socket on the veth (copy mode), ARP
#    answered and resolved in-process, the inner side still a TUN.
cat > "$work/port.jsonc" <<JSON
{
    "application": { "name": "cne-wg", "description": "WireGuard endpoint" },
    "defaults": { "bufcnt": 16, "bufsz": 2, "rxdesc": 2, "txdesc": 2, "cache": 256, "mtype": "4KB" },
    "umems": {
        "umem0": { "bufcnt": 16, "bufsz": 2, "mtype": "4KB", "regions": [16], "rxdesc": 2, "txdesc": 2 }
    },
    "lports": {
        "$VETH_US:0": { "pmd": "${CNE_WG_PMD:-net_af_xdp}", "qid": 0, "umem": "umem0", "region": 0, "skb_mode": true }
    },
    "lcore-groups": { "default": [0] },
    "options": { "pkt_api": "pktdev" },
    "threads": { "main": { "group": "default" } }
}
JSON
sleep 1.1
rx2=$rx; tx2=$tx
ip netns exec "$NS_US" "$CNE_WG" --config "$work/us.conf" --tun "$WG_US" --duration 60 \
    --port-config "$work/port.jsonc" --address 192.168.177.2 --metrics-port 9464 > "$work/us3.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do ip netns exec "$NS_US" ip link show "$WG_US" >/dev/null 2>&1 && break; sleep 0.1; done
ip netns exec "$NS_US" ip link show "$WG_US" >/dev/null 2>&1 || fail "cne-wg (CNE port) did not create $WG_US"
ip netns exec "$NS_US" sysctl -qw net.ipv6.conf."$WG_US".disable_ipv6=0
ip netns exec "$NS_US" ip addr add 10.177.0.2/24 dev "$WG_US"
ip netns exec "$NS_US" ip addr add fd77::2/64 dev "$WG_US" nodad
ip netns exec "$NS_US" ip link set "$WG_US" mtu 1420 up
ip netns exec "$NS_US" ping -c 3 -i 0.2 -W 3 10.177.0.1 > "$work/ping3" || fail "ping 10.177.0.1 through cne-wg on a CNE port (it initiates)"
ip netns exec "$NS_GO" ping -6 -c 3 -i 0.2 -W 3 fd77::2 > "$work/ping3v6" || fail "ping6 fd77::2 from wireguard-go's side to cne-wg on a CNE port"
ip netns exec "$NS_GO" ping -s 1372 -M do -c 2 -i 0.2 -W 3 10.177.0.2 > "$work/ping3big" || fail "full-MTU ping (1400 B inner) to cne-wg on a CNE port"
# A bounded TCP stream through the tunnel (2 s), wireguard-go's side sending.
# (the server ends itself: -1 and a timeout bound it, so it is not in pids)
ip netns exec "$NS_US" timeout 10 iperf3 -s -1 -B 10.177.0.2 > "$work/iperf-server" 2>&1 &
iperf_server=$!
sleep 0.5
ip netns exec "$NS_GO" timeout 15 iperf3 -c 10.177.0.2 -t 2 -f m > "$work/iperf" 2>&1 || { cat "$work/iperf" >&2; fail "iperf3 through cne-wg on a CNE port"; }
rate=$(awk '/receiver/ {print $(NF-2), $(NF-1)}' "$work/iperf")
[ -n "$rate" ] || fail "iperf3 printed no receiver rate"
wait "$iperf_server" 2>/dev/null || true
third=$(handshake_time)
[ "${third:-0}" -gt "$second" ] || fail "wg show: no newer handshake with cne-wg on a CNE port ($second -> $third)"
read -r rx tx <<< "$(transfer)"
[ "$rx" -gt "$rx2" ] && [ "$tx" -gt "$tx2" ] || fail "wg show transfer counters did not grow in run 3"
echo "interop: cne-wg on a CNE port (${CNE_WG_PMD:-net_af_xdp}, ARP in-process): ping v4, v6 and 1400 B passed, iperf3 TCP 2 s: $rate; wg show: received $rx B, sent $tx B"
check_our_wg_show
check_our_metrics
ip netns exec "$NS_US" wg show "$WG_US" | sed 's/^/    /'

# A forced rekey mid-stream (SIGUSR1: cne-wg initiates again) while pings flow every 50 ms:
# the new session takes over with no ping lost.
sleep 1.5    # the protocol sends at most one initiation per 5 s (REKEY_TIMEOUT)
ip netns exec "$NS_GO" ping -c 60 -i 0.05 -W 2 10.177.0.2 > "$work/ping-rekey" 2>&1 &
pinger=$!
sleep 1
kill -USR1 "${pids[-1]}"
wait "$pinger" || true
grep -q " 60 received" "$work/ping-rekey" || { cat "$work/ping-rekey" >&2; fail "pings lost across a forced rekey"; }
sleep 1.1    # the status line is printed every second
grep -q "handshakes 2" "$work/us3.log" || fail "cne-wg did not complete a second handshake after SIGUSR1"
fourth=$(handshake_time)
[ "${fourth:-0}" -ge "$third" ] || fail "wg show: handshake time went back after the rekey"
echo "interop: forced rekey mid-stream: second handshake done, $(grep -o '[0-9]* received' "$work/ping-rekey") of 60 pings, none lost"
stop_us
grep -E "^(peer|framing)" "$work/us3.log" | tail -n 2 | sed 's/^/    cne-wg: /'

# 4. IPv6 outer on the CNE port: the tunnel runs over fd00:177::/64 on the veth, neighbour
#    discovery answered and asked in-process (no kernel IPv6 on our end of the veth), UDP
#    checksums computed (mandatory over IPv6). cne-wg initiates to wireguard-go's v6 endpoint.
ip netns exec "$NS_GO" sysctl -qw net.ipv6.conf."$VETH_GO".disable_ipv6=0
ip netns exec "$NS_GO" ip addr add fd00:177::1/64 dev "$VETH_GO" nodad
ip netns exec "$NS_GO" wg set "$WG_GO" peer "$US_PUB" endpoint "[fd00:177::2]:51821"
sed 's/^Endpoint = .*/Endpoint = [fd00:177::1]:51820/' "$work/us.conf" > "$work/us6.conf"
sleep 1.1
read -r rx4 tx4 <<< "$(transfer)"
fifth=$(handshake_time)
ip netns exec "$NS_US" "$CNE_WG" --config "$work/us6.conf" --tun "$WG_US" --duration 60 \
    --port-config "$work/port.jsonc" --address 192.168.177.2 --address fd00:177::2 > "$work/us4.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do ip netns exec "$NS_US" ip link show "$WG_US" >/dev/null 2>&1 && break; sleep 0.1; done
ip netns exec "$NS_US" ip link show "$WG_US" >/dev/null 2>&1 || fail "cne-wg (CNE port, IPv6 outer) did not create $WG_US"
ip netns exec "$NS_US" sysctl -qw net.ipv6.conf."$WG_US".disable_ipv6=0
ip netns exec "$NS_US" ip addr add 10.177.0.2/24 dev "$WG_US"
ip netns exec "$NS_US" ip addr add fd77::2/64 dev "$WG_US" nodad
ip netns exec "$NS_US" ip link set "$WG_US" mtu 1420 up
ip netns exec "$NS_US" ping -c 3 -i 0.2 -W 3 10.177.0.1 > "$work/ping4" || fail "ping 10.177.0.1 through cne-wg over IPv6 outer (it initiates)"
ip netns exec "$NS_GO" ping -6 -c 5 -i 0.1 -W 2 fd77::2 > "$work/ping4v6" || fail "ping6 fd77::2 from wireguard-go's side over IPv6 outer"
grep -q " 5 received" "$work/ping4v6" || fail "ping6 over IPv6 outer lost packets"
# 1420-byte inner packets over IPv6 outer: 1420 + 32 + 8 + 40 = 1500 on the veth.
ip netns exec "$NS_GO" ping -s 1392 -M do -c 2 -i 0.2 -W 3 10.177.0.2 > "$work/ping4big" || fail "full-MTU ping over IPv6 outer"
ip netns exec "$NS_GO" wg show "$WG_GO" endpoints | grep -q "\[fd00:177::2\]:51821" || fail "wireguard-go does not see cne-wg at its IPv6 endpoint"
sixth=$(handshake_time)
[ "${sixth:-0}" -gt "$fifth" ] || fail "wg show: no new handshake over IPv6 outer ($fifth -> $sixth)"
read -r rx tx <<< "$(transfer)"
[ "$rx" -gt "$rx4" ] && [ "$tx" -gt "$tx4" ] || fail "wg show transfer counters did not grow over IPv6 outer"
ip netns exec "$NS_US" wg show "$WG_US" endpoints | grep -q "\[fd00:177::1\]:51820" || fail "wg show on cne-wg: the peer's endpoint is not the IPv6 one"
echo "interop: cne-wg on a CNE port over IPv6 outer (neighbour discovery in-process): ping v4, v6 and 1400 B passed; wireguard-go sees [fd00:177::2]:51821"
stop_us
grep -E "^(peer|framing)" "$work/us4.log" | tail -n 2 | sed 's/^/    cne-wg: /'
echo "interop: PASS"
