# swift-cndp: namespaces and veth pairs for the demo, the example tests and the benchmark.
# Source it; everything made is recorded and removed by netns_cleanup (call it from a trap).
# Names carry the caller's tag (make it unique: a prefix and the PID) so runs never collide.

NETNS_MADE=()   # namespaces to delete (deleting one deletes the veth ends inside it)
NETNS_PIDS=()   # background processes to stop

# netns_add NAME: a namespace with IPv6 off (no router solicitations on the wire) and lo up.
netns_add() {
    ip netns add "$1"
    NETNS_MADE+=("$1")
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$1" link set lo up
}

# netns_veth NS_A IF_A MAC_A NS_B IF_B MAC_B: a veth pair between two namespaces, both ends up.
netns_veth() {
    ip link add "$2" address "$3" netns "$1" type veth peer name "$5" address "$6" netns "$4"
    ip -n "$1" link set "$2" up
    ip -n "$4" link set "$5" up
}

# netns_track PID: stop this process at cleanup.
netns_track() { NETNS_PIDS+=("$1"); }

# netns_wait_line FILE TEXT SECONDS: wait until FILE contains TEXT; fails on timeout.
netns_wait_line() {
    local end=$((SECONDS + $3))
    until grep -q -- "$2" "$1" 2>/dev/null; do
        ((SECONDS < end)) || return 1
        sleep 0.1
    done
}

# netns_xdp_attached NS IF: true when an XDP program is attached to IF.
netns_xdp_attached() { ip -n "$1" link show "$2" 2>/dev/null | grep -q "xdp"; }

# netns_cleanup: stops the tracked processes (TERM, then KILL), deletes the namespaces.
netns_cleanup() {
    local pid ns
    for pid in "${NETNS_PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    NETNS_PIDS=()
    for ns in "${NETNS_MADE[@]}"; do
        ip netns del "$ns" 2>/dev/null || true
    done
    NETNS_MADE=()
}

# netns_left TAG: prints what is left with TAG in its name (namespaces, links); empty when clean.
netns_left() {
    { ip netns list | grep -- "$1" || true; ip -o link show | grep -- "$1" || true; }
}
