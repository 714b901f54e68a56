# swift-cndp traffic rig, shell side: namespaces and veth pairs for every test, benchmark and the
# demo (scripts/netns-rig.sh is the same as a command, for Python, C and Swift). Source it;
# everything made is recorded and removed by netns_cleanup (call it from a trap). Names carry
# the caller's tag (make it unique: a prefix and the PID) so runs never collide.

NETNS_MADE=()   # namespaces to delete (deleting one deletes the veth ends inside it)
NETNS_PIDS=()   # background processes to stop

# netns_add NAME: a namespace with IPv6 off (no router solicitations on the wire) and lo up.
netns_add() {
    ip netns add "$1"
    NETNS_MADE+=("$1")
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$1" link set lo up
}

# netns_veth NS_A IF_A MAC_A NS_B IF_B MAC_B: a veth pair between two namespaces, both ends up,
# IPv6 off on both. NS "-" is the caller's namespace (that end is not deleted with a namespace:
# delete it with `ip link del`), MAC "-" the kernel's choice; NETNS_QUEUES=N gives each end N rx
# and tx queues (a frame sent on tx queue k >= 1 of one end reaches rx queue k - 1 of the other
# in SKB mode, tx queue 0 reaches rx queue 0: steer senders with XPS, see Benchmarks/bench.py).
netns_veth() {
    local q=${NETNS_QUEUES:-1} a=() b=()
    [ "$1" != - ] && a+=(netns "$1")
    [ "$4" != - ] && b+=(netns "$4")
    [ "$3" != - ] && a+=(address "$3")
    [ "$6" != - ] && b+=(address "$6")
    ip link add "$2" numtxqueues "$q" numrxqueues "$q" "${a[@]}" type veth \
        peer name "$5" numtxqueues "$q" numrxqueues "$q" "${b[@]}"
    netns_link_up "$1" "$2"
    netns_link_up "$4" "$5"
}

# netns_link_up NS IF: IPv6 off on IF (no router solicitations on the wire), then IF up.
netns_link_up() {
    if [ "$1" = - ]; then
        sysctl -qw "net.ipv6.conf.$2.disable_ipv6=1" 2>/dev/null || true
        ip link set "$2" up
    else
        ip netns exec "$1" sysctl -qw "net.ipv6.conf.$2.disable_ipv6=1" 2>/dev/null || true
        ip -n "$1" link set "$2" up
    fi
}

# netns_pinned NS CPU CMD...: execs CMD in NS ("-": the caller's) on CPU at nice -20, in a
# session (and so a scheduler autogroup) of its own whose nice is -20 too: with autogroups on
# (kernel.sched_autogroup_enabled), a process's nice only ranks it within its session, and
# every busy session on a shared machine would otherwise get an equal share of the CPU.
# Not real-time: the rest of the machine keeps running. Keeps the PID (every step execs).
netns_pinned() {
    local ns=$1 cpu=$2
    shift 2
    local prefix=()
    [ "$ns" != - ] && prefix=(ip netns exec "$ns")
    exec "${prefix[@]}" setsid bash -c 'echo -20 >/proc/self/autogroup 2>/dev/null; exec nice -n -20 taskset -c "$0" "$@"' "$cpu" "$@"
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
