#!/usr/bin/env bash
# swift-cndp demo (`make demo`): a Swift echo server (Examples/cne-echo) on one end of a veth
# pair, a traffic peer (scripts/peer.py) on the other, each in a namespace this script makes.
# Runs the echo on AF_XDP, then on AF_PACKET (the config's "pmd" is the only difference),
# prints what came back and the port statistics, and removes everything it made, also when
# interrupted. Needs root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
COUNT=${DEMO_COUNT:-100000}

if [ "$(id -u)" -ne 0 ]; then
    echo "demo: error: needs root (namespaces, veth pairs, AF_XDP)" >&2
    exit 1
fi
scripts/install-deps.sh
if [ -n "${CNE_BIN_DIR:-}" ]; then  # a development shortcut: binaries built elsewhere
    bin="$CNE_BIN_DIR/cne-echo"
else
    echo "== build (release) and check the generated bindings"
    scripts/swift-build-no-warnings.sh -c release --product cne-echo >"${TMPDIR:-/tmp}/cne-demo-build.$$.log" 2>&1 ||
        { tail -n 30 "${TMPDIR:-/tmp}/cne-demo-build.$$.log"; rm -f "${TMPDIR:-/tmp}/cne-demo-build.$$.log"; exit 1; }
    rm -f "${TMPDIR:-/tmp}/cne-demo-build.$$.log"
    make --no-print-directory check-generated
    bin="$(swift build -c release --show-bin-path)/cne-echo"
fi

. scripts/netns-lib.sh
tag="cnd$$"
ns_echo="$tag-echo" ns_peer="$tag-peer" if_echo="${tag}e" if_peer="${tag}p"
mac_echo=02:00:00:00:10:01 mac_peer=02:00:00:00:10:02
work=$(mktemp -d)
cleanup() {
    netns_cleanup
    rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "demo: interrupted"; exit 130' INT TERM

echo "== namespaces $ns_echo and $ns_peer, veth $if_echo ($mac_echo) <-> $if_peer ($mac_peer)"
netns_add "$ns_echo"
netns_add "$ns_peer"
netns_veth "$ns_echo" "$if_echo" "$mac_echo" "$ns_peer" "$if_peer" "$mac_peer"

run_echo() { # PMD
    local pmd=$1 config="$work/echo-$1.jsonc" log="$work/echo-$1.log" pid status=0
    sed -e "s/cne-echo0/$if_echo/g" -e "s/\"pmd\": \"net_af_xdp\"/\"pmd\": \"$pmd\"/" Examples/cne-echo/echo.jsonc >"$config"
    echo
    echo "== cne-echo on $pmd in $ns_echo: $bin --config $config"
    ip netns exec "$ns_echo" "$bin" --config "$config" --duration 60 >"$log" 2>&1 &
    pid=$!
    netns_track "$pid"
    if ! netns_wait_line "$log" "cne-echo: ready" 30; then
        cat "$log"
        echo "demo: error: cne-echo did not start" >&2
        return 1
    fi
    echo "== peer: $COUNT frames from $if_peer, each expected back byte-exact with its MACs swapped"
    ip netns exec "$ns_peer" python3 scripts/peer.py echo "$if_peer" --dst-mac "$mac_echo" --count "$COUNT" --timeout 30 || status=1
    kill -TERM "$pid"
    wait "$pid" || status=1
    echo "== cne-echo's output (per-second table, summary, port counters)"
    grep -Ev ' info cne.instance|^libbpf: |^libxdp: ' "$log"
    if netns_xdp_attached "$ns_echo" "$if_echo"; then
        echo "demo: error: an XDP program is still attached to $if_echo" >&2
        status=1
    fi
    return $status
}

status=0
run_echo net_af_xdp || status=1
run_echo net_af_packet || status=1

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
    echo "demo: PASS (namespaces, veth pair and XDP programs removed)"
else
    echo "demo: FAIL" >&2
fi
exit $status
