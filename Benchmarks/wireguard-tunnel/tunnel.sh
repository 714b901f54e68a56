#!/usr/bin/env bash
# cne-wg against wireguard-go as the receiving VPN endpoint, on the same veth rig, side by side:
# wireguard-go sends (iperf3 UDP at 64 B and 1420 B inner packets, 3 s unthrottled, then 4 s at a
# fixed 10,000 packets/s that both receivers keep up with) to either a second wireguard-go or
# cne-wg on an AF_XDP port (release build); for the receiving VPN process:
# packets/s and Gb/s delivered, CPU time per delivered packet (/proc utime+stime), and CPU time per
# packet the VPN process decrypted and wrote to its TUN (the TUN's rx_packets: the same count for
# both; iperf3's own socket drops after the TUN then do not count against the VPN process), and
# the share of those TUN packets that never reached iperf3 (1 - delivered / TUN packets: dropped
# at iperf3's full socket; the namespace's UDP RcvbufErrors would also count wireguard-go's own
# outer socket).
# Usage: Benchmarks/wireguard-tunnel/tunnel.sh <release cne-wg> [rounds]   (root; a benchmark, not a test)
set -euo pipefail
umask 077
CNE_WG=$(realpath "${1:?usage: tunnel.sh <cne-wg> [rounds]}")
ROUNDS=${2:-2}
id=$$
NS_A=wgba$id; NS_B=wgbb$id; VA=vwb${id}a; VB=vwb${id}b; WA=wgb${id}a; WB=wgb${id}b
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
    ip netns del "$NS_A" 2>/dev/null || true; ip netns del "$NS_B" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$NS_A"; ip netns add "$NS_B"
ip link add "$VA" type veth peer name "$VB"
ip link set "$VA" netns "$NS_A"; ip link set "$VB" netns "$NS_B"
for ns in "$NS_A" "$NS_B"; do ip netns exec "$ns" ip link set lo up; ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip netns exec "$NS_A" ip addr add 192.168.178.1/24 dev "$VA"; ip netns exec "$NS_A" ip link set "$VA" up
ip netns exec "$NS_B" ip addr add 192.168.178.2/24 dev "$VB"; ip netns exec "$NS_B" ip link set "$VB" up
wg genkey > "$work/a.key"; wg genkey > "$work/b.key"
A_PUB=$(wg pubkey < "$work/a.key"); B_PUB=$(wg pubkey < "$work/b.key")

WG_PROCESS_FOREGROUND=1 ip netns exec "$NS_A" wireguard-go -f "$WA" > /dev/null 2>&1 &
pids+=($!)
sleep 0.5
ip netns exec "$NS_A" wg set "$WA" listen-port 51820 private-key "$work/a.key" peer "$B_PUB" allowed-ips 10.178.0.2/32 endpoint 192.168.178.2:51821
ip netns exec "$NS_A" ip addr add 10.178.0.1/24 dev "$WA"; ip netns exec "$NS_A" ip link set "$WA" mtu 1420 up

cat > "$work/b.conf" <<CONF
[Interface]
PrivateKey = $(cat "$work/b.key")
ListenPort = 51821
[Peer]
PublicKey = $A_PUB
AllowedIPs = 10.178.0.1/32
Endpoint = 192.168.178.1:51820
CONF
cat > "$work/port.jsonc" <<JSON
{ "application": { "name": "cne-wg" },
  "defaults": { "bufcnt": 16, "bufsz": 2, "rxdesc": 2, "txdesc": 2, "cache": 256, "mtype": "4KB" },
  "umems": { "umem0": { "bufcnt": 16, "bufsz": 2, "mtype": "4KB", "regions": [16], "rxdesc": 2, "txdesc": 2 } },
  "lports": { "$VB:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0", "region": 0, "skb_mode": true } },
  "lcore-groups": { "default": [0] }, "options": { "pkt_api": "pktdev" }, "threads": { "main": { "group": "default" } } }
JSON

start_receiver() {   # $1: wireguard-go | cne-wg; sets receiver_pid
    if [ "$1" = wireguard-go ]; then
        WG_PROCESS_FOREGROUND=1 ip netns exec "$NS_B" wireguard-go -f "$WB" > /dev/null 2>&1 &
        receiver_pid=$!
        sleep 0.5
        ip netns exec "$NS_B" wg set "$WB" listen-port 51821 private-key "$work/b.key" peer "$A_PUB" allowed-ips 10.178.0.1/32 endpoint 192.168.178.1:51820
    else
        ip netns exec "$NS_B" "$CNE_WG" --config "$work/b.conf" --tun "$WB" --port-config "$work/port.jsonc" \
            --address 192.168.178.2 --no-uapi > "$work/cne-wg.log" 2>&1 &
        receiver_pid=$!
        for _ in $(seq 100); do ip netns exec "$NS_B" ip link show "$WB" >/dev/null 2>&1 && break; sleep 0.1; done
    fi
    ip netns exec "$NS_B" ip addr add 10.178.0.2/24 dev "$WB"; ip netns exec "$NS_B" ip link set "$WB" mtu 1420 up
    # The receiver starts the handshake (the sender may still hold a session with the last one).
    ip netns exec "$NS_B" ping -c 3 -i 0.3 -W 3 10.178.0.1 > /dev/null || { echo "no tunnel to $1" >&2; exit 1; }
}
stop_receiver() { kill "$receiver_pid"; wait "$receiver_pid" 2>/dev/null || true; sleep 0.5; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tun_packets() { ip netns exec "$NS_B" cat "/sys/class/net/$WB/statistics/rx_packets"; }

results="$work/results"
for round in $(seq "$ROUNDS"); do
    for receiver in wireguard-go cne-wg; do
        start_receiver "$receiver"
        for offered in 0 10000; do   # packets/s, 0: unthrottled
            for payload in 36 1392; do   # inner IPv4 packets of 64 B and 1420 B
                ip netns exec "$NS_B" timeout 15 iperf3 -s -1 -B 10.178.0.2 > /dev/null 2>&1 &
                server=$!
                sleep 0.3
                # PERF_OUT=<file>: a CPU profile of cne-wg during its first 1420 B run (cpu-clock: this VM has no hardware counters).
                if [ -n "${PERF_OUT:-}" ] && [ "$receiver" = cne-wg ] && [ "$payload" = 1392 ] && [ ! -e "$PERF_OUT" ]; then
                    perf record -e cpu-clock -F 999 -g -p "$receiver_pid" -o "$PERF_OUT" -- sleep 2.5 > /dev/null 2>&1 &
                fi
                before=$(cpu_ticks "$receiver_pid"); tun_before=$(tun_packets)
                ip netns exec "$NS_A" timeout 20 iperf3 -c 10.178.0.2 -u -b $((offered * payload * 8)) -l "$payload" \
                    -t $((offered ? 4 : 3)) -J > "$work/iperf.json" 2>/dev/null || true
                after=$(cpu_ticks "$receiver_pid"); tun_after=$(tun_packets)
                wait "$server" 2>/dev/null || true
                python3 - "$work/iperf.json" "$receiver" "$((payload + 28))" "$((after - before))" "$(getconf CLK_TCK)" "$((tun_after - tun_before))" "$offered" >> "$results" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
s = data["end"]["sum"]
packets = s["packets"] - s["lost_packets"]
seconds = s["seconds"]
cpu_ns = int(sys.argv[4]) * 1e9 / int(sys.argv[5])
print(f"{sys.argv[7]}\t{sys.argv[2]}\t{sys.argv[3]}\t{packets / seconds:.0f}\t{packets * int(sys.argv[3]) * 8 / seconds / 1e9:.3f}\t{cpu_ns / max(packets, 1):.0f}\t{cpu_ns / max(int(sys.argv[6]), 1):.0f}\t{max(0, 1 - packets / max(int(sys.argv[6]), 1)):.2f}")
PY
            done
        done
        stop_receiver
    done
done
echo "Receiving VPN endpoint, wireguard-go sending iperf3 UDP, $ROUNDS round(s), median per cell"
echo "| offered | inner size | receiver | packets/s delivered | Gb/s inner | CPU ns per delivered packet | CPU ns per packet to the TUN | TUN packets not delivered |"
echo "|---|---|---|---|---|---|---|---|"
python3 - "$results" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    offered, r, size, pps, gbps, ns, tun_ns, dropped = line.split("\t")
    rows[(int(offered), int(size), r)].append((float(pps), float(gbps), float(ns), float(tun_ns), float(dropped)))
for (offered, size, r) in sorted(rows, key=lambda k: (k[0], k[1], k[2] != "wireguard-go")):
    v = rows[(offered, size, r)]
    rate = f"{offered:,} packets/s" if offered else "unthrottled"
    print(f"| {rate} | {size} B | {r} | {statistics.median(x[0] for x in v):,.0f} | {statistics.median(x[1] for x in v):.3f} | {statistics.median(x[2] for x in v):,.0f} | {statistics.median(x[3] for x in v):,.0f} | {statistics.median(x[4] for x in v):.0%} |")
PY
