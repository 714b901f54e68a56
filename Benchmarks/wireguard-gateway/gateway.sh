#!/usr/bin/env bash
# cne-wg's gateway mode against wireguard-go as a gateway, on the same veth rig, side by side:
# client A sends (iperf3 UDP, unthrottled, 3 s, inner packets of 64 B and 1420 B) through the
# gateway namespace to a wireguard-go peer, which receives them itself. The gateway is either
# cne-wg (clear and cipher AF_XDP ports, copy mode, release build) or wireguard-go with the
# kernel forwarding between the clear veth and its TUN. For the gateway's VPN process: packets/s
# and Gb/s delivered at the peer, and CPU time per delivered packet (/proc utime+stime).
# What it cannot show: the kernel's share. wireguard-go's gateway leaves routing, the TUN and
# the clear-side receive to the kernel, mostly in softirq time charged to whatever runs (often
# the sender); cne-wg does routing and ARP itself but AF_XDP copy mode's receive copy is the
# kernel's too. On 2 shared cores sender, gateway and peer compete: rates are upper bounds of
# nothing; CPU per packet is the figure to read.
# Usage: Benchmarks/wireguard-gateway/gateway.sh <release cne-wg> [rounds]   (root; a benchmark)
set -euo pipefail
umask 077
CNE_WG=$(realpath "${1:?usage: gateway.sh <cne-wg> [rounds]}")
ROUNDS=${2:-2}
here=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../../scripts/netns-lib.sh
. "$here/scripts/netns-lib.sh"
id=$$
NS_A=wgbc$id; NS_GW=wgbg$id; NS_GO=wgbo$id; WG_GO=wg${id}o; WG_GW=wg${id}g
work=$(mktemp -d)
cleanup() { netns_cleanup; rm -rf "$work"; }
trap cleanup EXIT

. "$here/Benchmarks/wireguard-gateway/rig.sh"

start_gateway() {   # $1: wireguard-go | cne-wg; sets gateway_pid
    if [ "$1" = wireguard-go ]; then
        ip -n "$NS_GW" addr add 10.10.1.1/24 dev vGA$id
        ip -n "$NS_GW" addr add 192.168.178.2/24 dev vGC$id
        WG_PROCESS_FOREGROUND=1 ip netns exec "$NS_GW" wireguard-go -f "$WG_GW" > /dev/null 2>&1 &
        gateway_pid=$!
        for _ in $(seq 50); do ip -n "$NS_GW" link show "$WG_GW" >/dev/null 2>&1 && break; sleep 0.1; done
        ip netns exec "$NS_GW" wg set "$WG_GW" listen-port 51821 private-key "$work/gw.key" \
            peer "$GO_PUB" allowed-ips 10.177.0.0/24 endpoint 192.168.178.1:51820
        ip -n "$NS_GW" link set "$WG_GW" mtu 1420 up
        ip -n "$NS_GW" route add 10.177.0.0/24 dev "$WG_GW"
    else
        ip netns exec "$NS_GW" "$CNE_WG" --config "$work/gw.conf" --tun "$WG_GW" --no-uapi --port-config "$work/gw.jsonc" \
            --address 192.168.178.2 --clear-address 10.10.1.1/24 > "$work/cne-wg.log" 2>&1 &
        gateway_pid=$!
        netns_wait_line "$work/cne-wg.log" "cne-wg: gateway" 30 || { cat "$work/cne-wg.log" >&2; exit 1; }
    fi
    ip netns exec "$NS_A" ip neigh flush all
    ip netns exec "$NS_A" ping -c 3 -i 0.3 -W 3 10.177.0.1 > /dev/null || { echo "no tunnel through $1" >&2; exit 1; }
}
stop_gateway() {
    kill "$gateway_pid"; wait "$gateway_pid" 2>/dev/null || true
    ip -n "$NS_GW" addr flush dev vGA$id; ip -n "$NS_GW" addr flush dev vGC$id
    ip netns exec "$NS_GO" ip neigh flush all
    sleep 1.1   # TAI64N: the next gateway's initiation must be later
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

results="$work/results"
for round in $(seq "$ROUNDS"); do
    for gateway in wireguard-go cne-wg; do
        start_gateway "$gateway"
        for payload in 36 1392; do   # inner IPv4 packets of 64 B and 1420 B
            ip netns exec "$NS_GO" timeout 15 iperf3 -s -1 -B 10.177.0.1 > /dev/null 2>&1 &
            server=$!
            for _ in $(seq 50); do ip netns exec "$NS_GO" ss -lun | grep -q ":5201 " && break; sleep 0.1; done
            before=$(cpu_ticks "$gateway_pid")
            ip netns exec "$NS_A" timeout 20 iperf3 -c 10.177.0.1 -u -b 0 -l "$payload" -t 3 -J > "$work/iperf.json" 2>/dev/null || true
            after=$(cpu_ticks "$gateway_pid")
            wait "$server" 2>/dev/null || true
            python3 - "$work/iperf.json" "$gateway" "$((payload + 28))" "$((after - before))" "$(getconf CLK_TCK)" >> "$results" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
s = data["end"]["sum"]
packets = s["packets"] - s["lost_packets"]
seconds = s["seconds"]
cpu_ns = int(sys.argv[4]) * 1e9 / int(sys.argv[5])
print(f"{sys.argv[2]}\t{sys.argv[3]}\t{packets / seconds:.0f}\t{packets * int(sys.argv[3]) * 8 / seconds / 1e9:.3f}\t{cpu_ns / max(packets, 1):.0f}")
PY
        done
        stop_gateway
    done
done
echo "VPN gateway, client A sending through it to a wireguard-go peer, iperf3 UDP unthrottled 3 s, $ROUNDS round(s), median per cell"
echo "| inner size | gateway | packets/s delivered | Gb/s inner | gateway CPU ns per delivered packet | vs wireguard-go |"
echo "|---|---|---|---|---|---|"
python3 - "$results" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    g, size, pps, gbps, ns = line.split("\t")
    rows[(int(size), g)].append((float(pps), float(gbps), float(ns)))
for (size, g) in sorted(rows, key=lambda k: (k[0], k[1] != "wireguard-go")):
    v = rows[(size, g)]
    ns = statistics.median(x[2] for x in v)
    base = statistics.median(x[2] for x in rows.get((size, "wireguard-go"), v))
    print(f"| {size} B | {g} | {statistics.median(x[0] for x in v):,.0f} | {statistics.median(x[1] for x in v):.3f} | {ns:,.0f} | {ns / base:.2f}x |")
PY
