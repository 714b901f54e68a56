#!/usr/bin/env bash
# Heap allocations per packet of cne-wg's gateway loop, in steady state: client A pings
# wireguard-go's own tunnel address through the gateway (two AF_XDP ports) twice, with few and
# with many pings over the same fixed run time, under an LD_PRELOAD allocation counter
# (Benchmarks/null-loop/alloc_count.c). The difference in allocations over the difference in
# packets (each ping crosses the gateway twice: encrypted out, decrypted back) is the cost per
# packet: start-up, the handshake and the once-a-second status lines cancel out.
# Usage: Benchmarks/wireguard-gateway/allocations.sh <cne-wg> <alloc_count.so>   (root; a measurement)
set -euo pipefail
umask 077
CNE_WG=$(realpath "${1:?usage: allocations.sh <cne-wg> <alloc_count.so>}")
COUNTER=$(realpath "${2:?usage: allocations.sh <cne-wg> <alloc_count.so>}")
here=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../../scripts/netns-lib.sh
. "$here/scripts/netns-lib.sh"
id=$$
NS_A=wgac$id; NS_GW=wgag$id; NS_GO=wgao$id; WG_GO=wg${id}a
work=$(mktemp -d)
cleanup() { netns_cleanup; rm -rf "$work"; }
trap cleanup EXIT

. "$here/Benchmarks/wireguard-gateway/rig.sh"

# run PINGS: one gateway run of a fixed 10 s; prints its allocation count.
run() {
    local log=$work/gw-$1.log
    ip netns exec "$NS_GW" env LD_PRELOAD="$COUNTER" "$CNE_WG" --config "$work/gw.conf" --tun wg${id}w --no-uapi \
        --duration 10 --port-config "$work/gw.jsonc" --address 192.168.178.2 --clear-address 10.10.1.1/24 > "$log" 2>&1 &
    local gw=$!
    netns_wait_line "$log" "cne-wg: gateway" 30 || { cat "$log" >&2; exit 1; }
    ip netns exec "$NS_A" ping -c 3 -i 0.3 -W 3 10.177.0.1 > /dev/null || { echo "allocations: no tunnel" >&2; exit 1; }
    ip netns exec "$NS_A" ping -q -c "$1" -i 0.002 -W 2 10.177.0.1 > "$work/ping-$1" || true
    wait "$gw" || true
    local received
    received=$(awk '/packets transmitted/ { print $4 }' "$work/ping-$1")
    echo "$(sed -n 's/^allocations=//p' "$log") $received"
    sleep 1.1   # TAI64N: the next run's initiation must be later
}
read -r a1 r1 <<< "$(run 100)"
read -r a2 r2 <<< "$(run 1100)"
packets=$(( 2 * (r2 - r1) ))
echo "cne-wg gateway: $a1 allocations with $r1 pings answered, $a2 with $r2 (10 s runs)"
awk -v a="$a1" -v b="$a2" -v p="$packets" 'BEGIN { printf "heap allocations per packet through the gateway (steady state): %.3f over %d packets\n", (b - a) / p, p }'
