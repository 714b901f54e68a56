#!/usr/bin/env bash
# swift-cndp demo (`make demo`): AF_XDP against AF_PACKET, side by side. Two copies of the same
# Swift echo server (Examples/cne-echo; the config's "pmd" is the only difference), one per veth
# pair, and the project's traffic rig on the other ends, in two namespaces this script makes:
#   1. correctness: scripts/peer.py sends DEMO_CHECK frames at a low rate to each echo and
#      expects every one back byte-exact with its MAC addresses swapped;
#   2. a set rate: veth-gen (Benchmarks/echo/veth_gen.c) sends open-loop at DEMO_RATE frames/s;
#      both drivers echo everything, and the echo's CPU time per packet shows what each costs;
#   3. the maximum: veth-gen as fast as it can; the echoed rate shows which driver keeps up.
# Phases of DEMO_SECONDS alternate between the two echoes, DEMO_ROUNDS times, so that other work
# on the machine falls on both alike; the figures are medians, the ratios medians of per-round
# ratios. The echoes share CPU DEMO_ECHO_CPU (only one is busy at a time), every traffic source
# runs on DEMO_GEN_CPU, all at high priority (netns_pinned in scripts/netns-lib.sh). CPU per
# packet is the echo process's user and system time (/proc/PID/stat and schedstat) over a phase
# divided by the frames it echoed. cne-echo runs on the CNF runtime as a user runs it, metrics
# endpoint included: the two echoes share a namespace, so each gets its own port (the default
# 9464 would collide). Removes everything it made (namespaces, veth pairs, XDP
# programs, processes), also when interrupted. Needs root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
CHECK=${DEMO_CHECK:-20000}
RATE=${DEMO_RATE:-200000}
SECS=${DEMO_SECONDS:-1.5}
ROUNDS=${DEMO_ROUNDS:-3}
ECHO_CPU=${DEMO_ECHO_CPU:-1}
GEN_CPU=${DEMO_GEN_CPU:-0}
BURST=${DEMO_BURST:-32}  # copy-mode AF_XDP sends at most 32 frames per kick: receive as many

if [ "$(id -u)" -ne 0 ]; then
    echo "demo: error: needs root (namespaces, veth pairs, AF_XDP)" >&2
    exit 1
fi
if [ "$(nproc)" -lt 2 ]; then
    echo "demo: error: needs two CPUs (the echo and the generator each get one)" >&2
    exit 1
fi
scripts/install-deps.sh
gen=build/bench/veth-gen
if [ -n "${CNE_BIN_DIR:-}" ]; then  # a development shortcut: binaries built elsewhere
    bin="$CNE_BIN_DIR/cne-echo"
else
    echo "== build (release) and check the generated bindings"
    log="${TMPDIR:-/tmp}/cne-demo-build.$$.log"
    scripts/swift-build-no-warnings.sh -c release --product cne-echo >"$log" 2>&1 ||
        { tail -n 30 "$log"; rm -f "$log"; exit 1; }
    rm -f "$log"
    make --no-print-directory check-generated
    bin="$(swift build -c release --show-bin-path)/cne-echo"
fi
make --no-print-directory -s "$gen"
started=$SECONDS

. scripts/netns-lib.sh
tag="cnd$$"
ns_echo="$tag-echo" ns_peer="$tag-peer"
declare -A if_echo=([net_af_xdp]="${tag}xe" [net_af_packet]="${tag}pe")
declare -A if_peer=([net_af_xdp]="${tag}xp" [net_af_packet]="${tag}pp")
declare -A mac_echo=([net_af_xdp]=02:00:00:00:10:01 [net_af_packet]=02:00:00:00:11:01)
declare -A mac_peer=([net_af_xdp]=02:00:00:00:10:02 [net_af_packet]=02:00:00:00:11:02)
declare -A metrics_port=([net_af_xdp]=9464 [net_af_packet]=9465)
declare -A echo_pid=()
pmds=(net_af_xdp net_af_packet)
work=$(mktemp -d)
cleanup() {
    netns_cleanup
    rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "demo: interrupted"; exit 130' INT TERM

netns_add "$ns_echo"
netns_add "$ns_peer"
for pmd in "${pmds[@]}"; do
    netns_veth "$ns_echo" "${if_echo[$pmd]}" "${mac_echo[$pmd]}" "$ns_peer" "${if_peer[$pmd]}" "${mac_peer[$pmd]}"
    echo "== $pmd: veth ${if_echo[$pmd]} in $ns_echo <-> ${if_peer[$pmd]} in $ns_peer"
done
echo "== $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs, Linux $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== echoes on CPU $ECHO_CPU, traffic on CPU $GEN_CPU, both at nice -20 in sessions of their own"

status=0
for pmd in "${pmds[@]}"; do
    config="$work/echo-$pmd.jsonc" log="$work/echo-$pmd.log"
    sed -e "s/cne-echo0/${if_echo[$pmd]}/g" -e "s/\"pmd\": \"net_af_xdp\"/\"pmd\": \"$pmd\"/" Examples/cne-echo/echo.jsonc >"$config"
    echo "== cne-echo on $pmd: $bin --config $config --burst $BURST --metrics-port ${metrics_port[$pmd]}"
    scripts/netns-rig.sh run "$ns_echo" "$ECHO_CPU" "$bin" --config "$config" --burst "$BURST" \
        --metrics-port "${metrics_port[$pmd]}" --duration 300 --quiet >"$log" 2>&1 &
    echo_pid[$pmd]=$!
    netns_track "${echo_pid[$pmd]}"
    if ! netns_wait_line "$log" "cne-echo: ready" 30; then
        cat "$log"
        echo "demo: error: cne-echo on $pmd did not start" >&2
        exit 1
    fi
done

echo
echo "== 1. byte-exact: $CHECK frames from scripts/peer.py to each echo, expected back with their MACs swapped"
for pmd in "${pmds[@]}"; do
    echo "   $pmd:"
    scripts/netns-rig.sh run "$ns_peer" "$GEN_CPU" python3 scripts/peer.py echo "${if_peer[$pmd]}" \
        --dst-mac "${mac_echo[$pmd]}" --count "$CHECK" --timeout 30 | sed 's/^/     /' || status=1
done

# cpu_now PID: "USER_TICKS SYSTEM_TICKS RUNTIME_NS" of every thread of PID.
cpu_now() {
    local total=0 t
    for t in /proc/"$1"/task/*/schedstat; do
        total=$((total + $(cut -d' ' -f1 "$t" 2>/dev/null || echo 0)))
    done
    echo "$(sed 's/.*) //' /proc/"$1"/stat | cut -d' ' -f12,13) $total"
}

echo
echo "== 2 and 3. open loop from veth-gen: $ROUNDS rounds of $SECS s at $RATE frames/s, then as fast as it can, each"
echo "   round alternating AF_XDP and AF_PACKET"
for round in $(seq "$ROUNDS"); do
    for load in "$RATE" 0; do
        for pmd in "${pmds[@]}"; do
            before=$(cpu_now "${echo_pid[$pmd]}")
            out=$(scripts/netns-rig.sh run "$ns_peer" "$GEN_CPU" "$gen" "${if_peer[$pmd]}" "${mac_echo[$pmd]}" "$SECS" "$load")
            after=$(cpu_now "${echo_pid[$pmd]}")
            echo "$round $load $pmd $out $before $after" >>"$work/phases"
        done
    done
    printf '   round %s done\n' "$round"
done
for pmd in "${pmds[@]}"; do
    kill -TERM "${echo_pid[$pmd]}"
    wait "${echo_pid[$pmd]}" || { echo "demo: error: cne-echo on $pmd did not stop cleanly" >&2; status=1; }
    grep -E '^port .* counters:' "$work/echo-$pmd.log" | sed "s/^/   cne-echo ($pmd): /" || true
    if netns_xdp_attached "$ns_echo" "${if_echo[$pmd]}"; then
        echo "demo: error: an XDP program is still attached to ${if_echo[$pmd]}" >&2
        status=1
    fi
done

echo
python3 - "$work/phases" "$(getconf CLK_TCK)" "$RATE" <<'PY'
import statistics, sys
rows, hz, rate = {}, int(sys.argv[2]), int(sys.argv[3])
for line in open(sys.argv[1]):
    f = line.split()
    rnd, load, pmd = f[0], int(f[1]), f[2]
    sent, secs, echoed = (float(x.split("=")[1]) for x in f[3:6])
    u0, s0, r0, u1, s1, r1 = (int(x) for x in f[6:12])
    user, system, run = (u1 - u0) / hz * 1e9, (s1 - s0) / hz * 1e9, r1 - r0
    share = user / (user + system) if user + system > 0 else 0
    n = max(echoed, 1)
    # offered pps, echoed pps, CPU ns/packet, user ns/packet, system ns/packet
    rows.setdefault((load, pmd), []).append((sent / secs, echoed / secs, run / n, share * run / n, (1 - share) * run / n))
def med(load, pmd, i):
    return statistics.median(r[i] for r in rows[(load, pmd)])
def ratio(load, i):
    """Median of the per-round ratios; None when a round has nothing to divide by."""
    pairs = list(zip(rows[(load, "net_af_xdp")], rows[(load, "net_af_packet")]))
    if any(y[i] == 0 for _, y in pairs):
        return None
    return statistics.median(x[i] / y[i] for x, y in pairs)
def shown(r):
    return f"{r:16.2f}x" if r is not None else f"{'-':>17}"
print('== AF_XDP against AF_PACKET: the same cne-echo binary and config but for "pmd"; medians of the rounds')
print(f"  {'':36} {'AF_XDP':>10} {'AF_PACKET':>10} {'AF_XDP/AF_PACKET':>17}")
for load, title in ((rate, f"at {rate // 1000} k frames/s offered:"), (0, "at the maximum (veth-gen as fast as it can):")):
    print(f"  {title}")
    for label, i, scale in (("offered, k frames/s", 0, 1e3), ("echoed, k frames/s", 1, 1e3), ("echo CPU per packet, ns", 2, 1),
                            ("  user, ns", 3, 1), ("  system, ns", 4, 1)):
        if load and i == 0:
            continue
        print(f"  {label:36} {med(load, 'net_af_xdp', i) / scale:10.0f} {med(load, 'net_af_packet', i) / scale:10.0f} "
              f"{shown(ratio(load, i))}")
ahead = all((ratio(load, 2) or 9) < 1 for load in (rate, 0)) and (ratio(0, 1) or 0) > 1
print("  AF_XDP ahead in echoed rate at the maximum and in CPU per packet at both loads: "
      + ("yes" if ahead else "NO (a loaded machine? compare the load figures)"))
PY
echo "  veth has no zero-copy mode: AF_XDP runs in copy (SKB) mode, the kernel copying each frame into and out of"
echo "  the umem; what it saves is AF_PACKET's socket and stack path. On a NIC with a zero-copy driver the copies"
echo "  go too. The receive side's kernel work runs on the generator's CPU (veth delivers in the sender's context),"
echo "  so the echo's CPU above is its loop, its system calls and the transmit through the veth."
echo "== $((SECONDS - started)) s after the build; load now $(cut -d' ' -f1-3 /proc/loadavg)"

trap - INT TERM
cleanup
trap - EXIT
left=$(netns_left "$tag")
if [ -n "$left" ]; then
    echo "demo: error: left behind: $left" >&2
    exit 1
fi
echo
if [ $status -eq 0 ]; then
    echo "demo: PASS (byte-exact echo on both drivers; namespaces, veth pairs, XDP programs and processes removed)"
else
    echo "demo: FAIL" >&2
fi
exit $status
