#!/usr/bin/env bash
# swift-cndp: cne-responder against the kernel's own clients (make test-responder; needs root).
# For each driver (AF_XDP, AF_PACKET), cne-responder serves one end of a veth pair in its own
# namespace; from the other namespace, with nothing but the kernel and iputils:
#   - arping (iputils-arping) gets ARP replies from the responder's MAC
#   - ping (IPv4) and ping -f (flood, bounded count) get every echo back: 0% loss
#   - ping -6 (IPv6 enabled in this test only) resolves the address by neighbour solicitation,
#     then gets every echo back: 0% loss; ping -6 -f too
# A reply the kernel accepts had right checksums: the kernel drops a bad one, and ping counts it
# lost. The responder must stop on SIGTERM with exit 0, its pools back, no XDP program left.
# Usage: Tests/Responder/run.sh [BIN_DIR]   (default: swift build -c release --show-bin-path)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. Tests/Support/harness.sh
harness_begin cnr "${1:-}"

for tool in ping arping; do
    command -v "$tool" >/dev/null || { echo "FAIL: no $tool (scripts/install-deps.sh installs it)"; exit 1; }
done

resp_ns="$tag-r" client_ns="$tag-c"
resp_if="${tag}r0" client_if="${tag}c0"
mac_r=02:00:00:00:30:01 mac_c=02:00:00:00:30:02
ip4_r=192.0.2.2 ip4_c=192.0.2.1
ip6_r=2001:db8:10::2 ip6_c=2001:db8:10::1
netns_add "$resp_ns"
netns_add "$client_ns"
netns_veth "$resp_ns" "$resp_if" "$mac_r" "$client_ns" "$client_if" "$mac_c"
# The client's kernel is the one under test: it owns the addresses; the responder's end has none.
ip -n "$client_ns" addr add "$ip4_c/24" dev "$client_if"

# ping_ok NAME LOG: the summary says N transmitted, N received, 0% loss (N > 0).
ping_ok() {
    grep -qE "^([0-9]+) packets transmitted, \1 received, 0% packet loss" "$2" && { pass "$1"; return 0; }
    fail "$1"; cat "$2"; return 1
}

for pmd in net_af_xdp net_af_packet; do
    cfg="$work/resp-$pmd.jsonc" log="$work/resp-$pmd.log"
    sed -e "s/cne-resp0/$resp_if/g" -e "s/\"pmd\": \"net_af_xdp\"/\"pmd\": \"$pmd\"/" \
        Examples/cne-responder/responder.jsonc >"$cfg"
    ip netns exec "$resp_ns" "$bin_dir/cne-responder" --config "$cfg" --ipv4 "$ip4_r" --ipv6 "$ip6_r" \
        --duration 120 --quiet >"$log" 2>&1 &
    resp=$!
    netns_track "$resp"
    if ! netns_wait_line "$log" ": ready" 30; then
        fail "cne-responder on $pmd starts"; cat "$log"; continue
    fi
    ip -n "$client_ns" neigh flush dev "$client_if"

    # ARP: three requests, three replies, from the responder's MAC.
    a="$work/arping-$pmd.log"
    if ip netns exec "$client_ns" timeout 20 arping -c 3 -w 10 -I "$client_if" "$ip4_r" >"$a" 2>&1 &&
        grep -q "Received 3 response" "$a" && grep -qi "\[$mac_r\]" "$a"; then
        pass "$pmd: arping gets 3 ARP replies from $mac_r"
    else
        fail "$pmd: arping gets 3 ARP replies from $mac_r"; cat "$a"
    fi

    # IPv4 echo: the kernel's ARP resolves the responder first, then 20 pings, then a flood.
    ip -n "$client_ns" neigh flush dev "$client_if"
    ip netns exec "$client_ns" timeout 30 ping -c 20 -i 0.01 -W 2 "$ip4_r" >"$work/ping-$pmd.log" 2>&1
    ping_ok "$pmd: ping (IPv4) 20 echoes, 0% loss" "$work/ping-$pmd.log"
    ip netns exec "$client_ns" timeout 60 ping -f -c 5000 -W 1 "$ip4_r" >"$work/flood-$pmd.log" 2>&1
    ping_ok "$pmd: ping -f (IPv4) 5000 echoes, 0% loss" "$work/flood-$pmd.log"

    # IPv6, in this test only: the client's kernel resolves the responder by neighbour
    # solicitation (answered by cne-responder), then pings.
    ip netns exec "$client_ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf."$client_if".disable_ipv6=0
    ip -n "$client_ns" addr add "$ip6_c/64" dev "$client_if" nodad 2>/dev/null
    ip -n "$client_ns" neigh flush dev "$client_if"
    ip netns exec "$client_ns" timeout 30 ping -6 -c 20 -i 0.01 -W 2 "$ip6_r" >"$work/ping6-$pmd.log" 2>&1
    ping_ok "$pmd: ping -6 20 echoes after neighbour solicitation, 0% loss" "$work/ping6-$pmd.log"
    if ip -n "$client_ns" -6 neigh show "$ip6_r" dev "$client_if" | grep -qi "lladdr $mac_r"; then
        pass "$pmd: the client's kernel learned $mac_r for $ip6_r from the advertisement"
    else
        fail "$pmd: the client's kernel learned $mac_r for $ip6_r"; ip -n "$client_ns" -6 neigh show
    fi
    ip netns exec "$client_ns" timeout 60 ping -6 -f -c 5000 -W 1 "$ip6_r" >"$work/flood6-$pmd.log" 2>&1
    ping_ok "$pmd: ping -6 -f 5000 echoes, 0% loss" "$work/flood6-$pmd.log"
    ip netns exec "$client_ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf."$client_if".disable_ipv6=1

    # Stop: exit 0, counts that match what was sent, buffers back, no XDP program left.
    kill -TERM "$resp" 2>/dev/null
    wait "$resp"
    rc=$?
    name="$pmd: cne-responder stops on SIGTERM, counted every answer, pools back, XDP detached"
    if [ $rc -eq 0 ] && grep -q "ports closed" "$log" && grep -q "arp-reply=" "$log" &&
        grep -qE "echo-reply=50[2-9][0-9]" "$log" && grep -qE "echo6-reply=50[2-9][0-9]" "$log" &&
        grep -q " na=" "$log" && ! netns_xdp_attached "$resp_ns" "$resp_if"; then
        pass "$name"; grep "^traffic:" "$log"
    else
        fail "$name (exit $rc)"; cat "$log"
    fi
done

netns_cleanup
harness_end responder
