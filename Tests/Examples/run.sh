#!/usr/bin/env bash
# swift-cndp: end-to-end tests of the example binaries (make test-examples; needs root).
# Each test makes its own namespaces and veth pairs and removes them; traffic comes from
# scripts/peer.py (AF_PACKET), bounded in frames and seconds.
#   1. cne-echo echoes byte-exact on AF_XDP and on AF_PACKET, stops on SIGTERM, detaches XDP
#   2. cne-fwd tx-only: the peer parses every frame and verifies its IPv4 and UDP checksums
#   3. cne-fwd fwd over two veth pairs: frames leave by the port owning their destination MAC,
#      unknown destinations by the default port; lb mode echoes
#   4. bad config and missing interface: non-zero exit, one line, with the location
#   5. every config of the bad-config corpus (Tests/CNETests/Configs/bad) is refused by cne-echo
#      with FILE:LINE:COLUMN, given as --config FILE and as -c FILE; a misspelt key is warned
#      with its location (the README's error table)
# Usage: Tests/Examples/run.sh [BIN_DIR]   (default: swift build -c release --show-bin-path)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. Tests/Support/harness.sh
harness_begin cnt "${1:-}"

# start NS LOG CMD...: runs CMD in NS in the background, waits for its "ready" line.
start() {
    local ns=$1 log=$2
    shift 2
    ip netns exec "$ns" "$@" >"$log" 2>&1 &
    started=$!
    netns_track "$started"
    netns_wait_line "$log" ": ready" 30 || { cat "$log"; return 1; }
}

# pools_ok LOG MAX: every "pool ...: N of M buffers in use" line of LOG has N <= MAX (the buffers
# returned at stop: AF_XDP keeps at most its fill and receive rings' worth, AF_PACKET one burst).
pools_ok() {
    grep -q "buffers in use" "$1" || return 1
    ! grep -E "^pool .*: [0-9]+ of [0-9]+ buffers in use" "$1" | awk -v max="$2" '$3 > max { bad = 1 } END { exit !bad }'
}

# stop PID LOG [MAX_IN_USE]: SIGTERM, expects exit 0, the "ports closed" line, and the pools back.
stop() {
    kill -TERM "$1" 2>/dev/null
    wait "$1"
    local rc=$?
    [ $rc -eq 0 ] && grep -q "ports closed" "$2" && pools_ok "$2" "${3:-4096}"
}

# --- one pair: the echo side e0 in $tag-a, the peer p0 in $tag-b
netns_add "$tag-a"
netns_add "$tag-b"
mac_e0=02:00:00:00:20:01 mac_p0=02:00:00:00:20:02
netns_veth "$tag-a" "${tag}e0" "$mac_e0" "$tag-b" "${tag}p0" "$mac_p0"

for pmd in net_af_xdp net_af_packet; do
    cfg="$work/echo-$pmd.jsonc"
    sed -e "s/cne-echo0/${tag}e0/g" -e "s/\"pmd\": \"net_af_xdp\"/\"pmd\": \"$pmd\"/" Examples/cne-echo/echo.jsonc >"$cfg"
    name="cne-echo on $pmd echoes 2000 frames byte-exact, returns its buffers"
    max_in_use=4096
    [ "$pmd" = net_af_packet ] && max_in_use=64  # the driver's receive stash: one burst
    if start "$tag-a" "$work/echo-$pmd.log" "$bin_dir/cne-echo" --config "$cfg" --duration 60 --quiet &&
        ip netns exec "$tag-b" python3 scripts/peer.py echo "${tag}p0" --dst-mac "$mac_e0" --count 2000 --size 128 --timeout 20 &&
        stop "$started" "$work/echo-$pmd.log" "$max_in_use" && ! netns_xdp_attached "$tag-a" "${tag}e0"; then
        pass "$name"
    else
        fail "$name"; cat "$work/echo-$pmd.log"
    fi
done

# --- the rig's open-loop generator (make demo, make bench) against cne-echo: what it sends comes back
make --no-print-directory -s build/bench/veth-gen
cfg="$work/echo-gen.jsonc"
sed -e "s/cne-echo0/${tag}e0/g" Examples/cne-echo/echo.jsonc >"$cfg"
name="veth-gen: open-loop frames (20 k/s for 0.5 s) come back from cne-echo on AF_XDP, no more than were sent"
if start "$tag-a" "$work/echo-gen.log" "$bin_dir/cne-echo" --config "$cfg" --burst 32 --duration 60 --quiet &&
    gen_out=$(ip netns exec "$tag-b" build/bench/veth-gen "${tag}p0" "$mac_e0" 0.5 20000) &&
    stop "$started" "$work/echo-gen.log" &&
    [[ "$gen_out" =~ sent=([0-9]+)\ seconds=[0-9.]+\ echoed=([0-9]+) ]] &&
    [ "${BASH_REMATCH[1]}" -ge 1 ] && [ "${BASH_REMATCH[2]}" -ge 1 ] && [ "${BASH_REMATCH[2]}" -le "${BASH_REMATCH[1]}" ]; then
    pass "$name ($gen_out)"
else
    fail "$name (${gen_out:-no output})"; cat "$work/echo-gen.log"
fi

# --- tx-only on the same pair (one port, so one worker)
cfg="$work/tx.jsonc"
sed -e "s/cne-echo0/${tag}e0/g" Examples/cne-echo/echo.jsonc >"$cfg"
name="cne-fwd tx-only: 500 frames with valid IPv4 and UDP checksums"
ip netns exec "$tag-b" python3 scripts/peer.py txcheck "${tag}p0" --count 500 --timeout 20 >"$work/txcheck.log" 2>&1 &
peer=$!
netns_track "$peer"
netns_wait_line "$work/txcheck.log" "listening" 10
if ip netns exec "$tag-a" "$bin_dir/cne-fwd" --config "$cfg" --mode tx-only --packets 500 --size 100 --dst-mac "$mac_p0" --duration 20 --quiet >"$work/tx.log" 2>&1 &&
    wait "$peer" && grep -q "ports closed" "$work/tx.log" && pools_ok "$work/tx.log" 4096; then
    pass "$name"; grep "peer:" "$work/txcheck.log"
else
    fail "$name"; cat "$work/tx.log" "$work/txcheck.log"
fi

# --- two pairs for fwd: f0/f1 in $tag-c, p1/p2 in $tag-d
netns_add "$tag-c"
netns_add "$tag-d"
mac_f0=02:00:00:00:30:01 mac_f1=02:00:00:00:30:02 mac_q0=02:00:00:00:30:11 mac_q1=02:00:00:00:30:12
netns_veth "$tag-c" "${tag}f0" "$mac_f0" "$tag-d" "${tag}q0" "$mac_q0"
netns_veth "$tag-c" "${tag}f1" "$mac_f1" "$tag-d" "${tag}q1" "$mac_q1"
cfg="$work/fwd.jsonc"
sed -e "s/cne-fwd0/${tag}f0/g" -e "s/cne-fwd1/${tag}f1/g" Examples/cne-fwd/fwd.jsonc >"$cfg"
if start "$tag-c" "$work/fwd.log" "$bin_dir/cne-fwd" --config "$cfg" --mode fwd --duration 60 --quiet; then
    fwd_pid=$started
    check_fwd() { # NAME SEND RECV DST
        if ip netns exec "$tag-d" python3 scripts/peer.py fwd "$2" "$3" --dst-mac "$4" --count 200 --timeout 10; then
            pass "$1"
        else
            fail "$1"
        fi
    }
    check_fwd "cne-fwd fwd: port 0 -> port 1 by destination MAC" "${tag}q0" "${tag}q1" "$mac_f1"
    check_fwd "cne-fwd fwd: port 1 -> port 0 by destination MAC" "${tag}q1" "${tag}q0" "$mac_f0"
    check_fwd "cne-fwd fwd: unknown MAC -> the default port (1)" "${tag}q0" "${tag}q1" 02:00:00:00:99:99
    if stop "$fwd_pid" "$work/fwd.log" && ! netns_xdp_attached "$tag-c" "${tag}f0" && ! netns_xdp_attached "$tag-c" "${tag}f1"; then
        pass "cne-fwd fwd: stops on SIGTERM, XDP programs detached"
    else
        fail "cne-fwd fwd: stop"; cat "$work/fwd.log"
    fi
else
    fail "cne-fwd fwd: start"
fi
name="cne-fwd lb: echoes on each port"
if start "$tag-c" "$work/lb.log" "$bin_dir/cne-fwd" --config "$cfg" --mode lb --duration 60 --quiet &&
    ip netns exec "$tag-d" python3 scripts/peer.py echo "${tag}q0" --dst-mac "$mac_f0" --count 500 --timeout 10 &&
    ip netns exec "$tag-d" python3 scripts/peer.py echo "${tag}q1" --dst-mac "$mac_f1" --count 500 --timeout 10 &&
    stop "$started" "$work/lb.log"; then
    pass "$name"
else
    fail "$name"; cat "$work/lb.log"
fi

# --- bad input: one line on stderr, non-zero exit
printf '{\n  "umems": {\n    "umem0": { "bufcnt": 16, "bufsz": 2, "regions": [16] }\n  },\n  "lports": {\n    "x:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem9" }\n  }\n}\n' >"$work/bad.jsonc"
for prog in cne-echo cne-fwd; do
    out=$("$bin_dir/$prog" --config "$work/bad.jsonc" --mode drop 2>&1 >/dev/null)
    rc=$?
    [ "$prog" = cne-echo ] && { out=$("$bin_dir/$prog" --config "$work/bad.jsonc" 2>&1 >/dev/null); rc=$?; }
    if [ $rc -ne 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] && [[ "$out" == "$work/bad.jsonc:6:"*": error: "* ]]; then
        pass "$prog: bad config -> exit $rc, '$out'"
    else
        fail "$prog: bad config (exit $rc): $out"
    fi
    sed -e "s/cne-echo0/nosuch$$/g" Examples/cne-echo/echo.jsonc >"$work/missing.jsonc"
    out=$("$bin_dir/$prog" --config "$work/missing.jsonc" --mode drop 2>&1 >/dev/null)
    rc=$?
    [ "$prog" = cne-echo ] && { out=$("$bin_dir/$prog" --config "$work/missing.jsonc" 2>&1 >/dev/null); rc=$?; }
    if [ $rc -ne 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] && [[ "$out" == *"no network interface \"nosuch$$\""* ]]; then
        pass "$prog: missing interface -> exit $rc, '$out'"
    else
        fail "$prog: missing interface (exit $rc): $out"
    fi
done

# --- the whole bad-config corpus, both spellings: exit 1, one line, FILE:LINE:COLUMN: error:,
# at the line and column BadConfigTests expects (its table, read from the Swift source). The
# config is read before anything is opened, so no namespace is needed; each run is bounded.
corpus=Tests/CNETests/Configs/bad
declare -A place=()
while read -r file line column; do place[$file]="$line:$column"; done < <(
    sed -nE 's/^ *\("([^"]+)", \.[A-Za-z]+, ".*", ([0-9]+), ([0-9]+)\),$/\1 \2 \3/p' Tests/CNETests/ConfigTests+Bad.swift)
runs=0 refused=0 wrong=""
for f in "$corpus"/*.jsonc; do
    at=${place[$(basename "$f" .jsonc)]:-unlisted}
    for opt in --config -c; do
        out=$(timeout 10 "$bin_dir/cne-echo" "$opt" "$f" --metrics-port 0 2>&1 >/dev/null)
        rc=$?
        runs=$((runs + 1))
        if [ $rc -eq 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] && [[ "$out" == "$f:$at: error: "* ]]; then
            refused=$((refused + 1))
        else
            wrong+="  cne-echo $opt $f (expected at $at) -> exit $rc: $out"$'\n'
        fi
    done
done
files=$(ls "$corpus"/*.jsonc | wc -l)
if [ "$files" -ge 50 ] && [ "$runs" -eq $((2 * files)) ] && [ "$refused" -eq "$runs" ]; then
    pass "bad-config corpus: all $files files refused with FILE:LINE:COLUMN (BadConfigTests' places) by --config and by -c ($runs runs)"
else
    fail "bad-config corpus: $refused of $runs runs refused with FILE:LINE:COLUMN ($files files)"; printf '%s' "$wrong"
fi

# --- a misspelt key: the README's warning, exactly, then the netdev's error (no eth0 in $tag-a)
printf '{\n  "umems": {\n    "umem0": { "bufcnt": 16, "bufsz": 2, "regions": [16] }\n  },\n  "lports": {\n    "eth0:0": { "pmd": "net_af_xdp", "qid": 0, "umem": "umem0", "skb_mdoe": true }\n  }\n}\n' >"$work/echo.jsonc"
out=$(cd "$work" && timeout 10 ip netns exec "$tag-a" "$bin_dir/cne-echo" -c echo.jsonc --metrics-port 0 2>&1 >/dev/null)
rc=$?
warning='echo.jsonc:6:65: warning: lports."eth0:0".skb_mdoe: unknown key ignored (known keys: busy_budget, busy_poll, busy_polling, busy_timeout, desc, description, force_wakeup, pmd, qid, region, skb_mode, uds_path, umem, unaligned_buffers, xsk_pin_path)'
if [ $rc -eq 1 ] && [[ "$out" == *"$warning"* ]] &&
    [[ "$out" == *'error: lport "eth0:0": no network interface "eth0" in this network namespace: No such device (ENODEV)'* ]]; then
    pass "cne-echo: a misspelt key is warned with its location ('$warning')"
else
    fail "cne-echo: misspelt key (exit $rc): $out"
fi

netns_cleanup
harness_end examples
