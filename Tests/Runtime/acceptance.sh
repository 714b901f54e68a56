#!/usr/bin/env bash
# swift-cndp: the CNF runtime end to end, through cne-echo (make test-runtime; needs root).
#   1. Prometheus scrape with curl while traffic flows, then counters equal the peer's counts;
#      /livez and /readyz answer 200, other paths 404
#   2. SIGTERM during traffic: exit 0, every frame the echo sent reached the peer, every buffer
#      back (0 out after the ports closed), XDP detached
#   3. -c works as --config; a config with a misspelt lports section is refused with its location
#   4. after SIGKILL the XDP program stays: a run in the same mode reuses it and echoes, a run
#      asking for native mode is refused with the remedy
# Every loop is bounded; namespaces carry the PID; everything made is removed.
# Usage: Tests/Runtime/acceptance.sh [BIN_DIR]   (default: swift build -c release --show-bin-path)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. Tests/Support/harness.sh
harness_begin crt "${1:-}"

netns_add "$tag-a"
netns_add "$tag-b"
mac_e=02:00:00:00:40:01 mac_p=02:00:00:00:40:02
netns_veth "$tag-a" "${tag}e" "$mac_e" "$tag-b" "${tag}p" "$mac_p"
cfg="$work/echo.jsonc"
sed -e "s/cne-echo0/${tag}e/g" Examples/cne-echo/echo.jsonc >"$cfg"
port=9464
scrape() { ip netns exec "$tag-a" curl -s -m 5 "http://127.0.0.1:$port$1"; }
status() { ip netns exec "$tag-a" curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$1"; }
# metric TEXT NAME: the value of NAME{port="<the echo port>",...} in TEXT.
metric() { printf '%s\n' "$1" | awk -v n="$2{" -v p="port=\"${tag}e:0\"" 'index($0, n) == 1 && index($0, p) { print $NF; exit }'; }
# received_within SECONDS: the echo port's received-frame count as soon as it is above 0, after
# at most SECONDS by the clock (one scrape alone may take its 5 s); the last scrape's otherwise.
received_within() {
    local end=$((SECONDS + $1)) n=""
    while [ $SECONDS -lt $end ]; do
        n=$(metric "$(scrape /metrics)" cne_port_ipackets_total)
        [ -n "$n" ] && [ "${n%.*}" -gt 0 ] && break
        sleep 0.1
    done
    printf '%s' "$n"
}

# --- 1. metrics while traffic flows
name="scrape during traffic: counters match the peer's counts"
ip netns exec "$tag-a" "$bin_dir/cne-echo" -c "$cfg" --duration 60 --quiet >"$work/m.log" 2>&1 &
echo_pid=$!
netns_track "$echo_pid"
if netns_wait_line "$work/m.log" ": ready" 30; then
    ip netns exec "$tag-b" python3 scripts/peer.py echo "${tag}p" --dst-mac "$mac_e" --count 20000 --size 64 --timeout 30 >"$work/peer1.log" 2>&1 &
    peer=$!
    netns_track "$peer"
    during=$(received_within 10)
    ready=$(status /readyz) live=$(status /livez) missing=$(status /metricz)
    wait "$peer"
    peer_rc=$?
    after=$(scrape /metrics)
    rx=$(metric "$after" cne_port_ipackets_total) tx=$(metric "$after" cne_port_opackets_total)
    echoed=$(sed -n 's/^peer: echoed \([0-9]*\) .*/\1/p' "$work/peer1.log")
    echo "peer: $(grep 'peer: echoed' "$work/peer1.log"); scraped during traffic: ipackets=$during; after: ipackets=$rx opackets=$tx"
    if [ $peer_rc -eq 0 ] && [ "${during%.*}" -gt 0 ] && [ "$ready$live$missing" = 200200404 ] &&
        [ "${rx%.*}" = 20000 ] && [ "${tx%.*}" = 20000 ] && [ "$echoed" = 20000 ]; then
        pass "$name"
    else
        fail "$name (readyz $ready, livez $live, /metricz $missing)"; cat "$work/m.log" "$work/peer1.log"
    fi
    kill -TERM "$echo_pid"; wait "$echo_pid"
else
    fail "$name: cne-echo did not start"; cat "$work/m.log"
fi

# --- 2. SIGTERM during traffic
name="SIGTERM during traffic: exit 0, every echoed frame reached the peer, every buffer back"
# Every buffer back: on a system CNDP, less what its xskdev_socket_destroy leaves in the fill
# ring (README, "Using a system CNDP"): at most 2 x rxdesc (echo.jsonc: 2 K) for the one port.
max_out=0
# (ldd's output is read whole: `grep -q` quits at the first match, and under pipefail the
# SIGPIPE ldd then gets made the test see the embedded core now and then.)
case "$(ldd "$bin_dir/cne-echo" 2>/dev/null)" in *libcndp-swift*) max_out=$((2 * 2 * 1024)) ;; esac
ip netns exec "$tag-a" "$bin_dir/cne-echo" --config "$cfg" --duration 60 --quiet >"$work/t.log" 2>&1 &
echo_pid=$!
netns_track "$echo_pid"
if netns_wait_line "$work/t.log" ": ready" 30; then
    # More frames than fit in the time: the stop comes while they flow (the peer then waits out its timeout).
    ip netns exec "$tag-b" python3 scripts/peer.py echo "${tag}p" --dst-mac "$mac_e" --count 10000000 --size 64 --timeout 4 >"$work/peer2.log" 2>&1 &
    peer=$!
    netns_track "$peer"
    # SIGTERM once frames flow (the peer's start alone can take over a second on a loaded
    # machine), then a little later, so the stop falls in the middle of the traffic.
    received_within 10 >/dev/null
    sleep 0.5
    kill -TERM "$echo_pid"
    wait "$echo_pid"
    rc=$?
    wait "$peer"
    sent=$(sed -n 's/^port .* counters: .*opackets=\([0-9]*\).*/\1/p' "$work/t.log")
    echoed=$(sed -n 's/^peer: echoed \([0-9]*\) (\([0-9]*\) byte-exact.*/\1 \2/p' "$work/peer2.log")
    echo "cne-echo exit $rc, sent $sent; peer: $(grep 'peer: echoed' "$work/peer2.log"); $(grep 'buffers out' "$work/t.log")"
    if [ $rc -eq 0 ] && [ -n "$sent" ] && [ "$sent" -gt 0 ] && [ "$echoed" = "$sent $sent" ] &&
        out=$(sed -n 's/^cne-echo: \([0-9]*\) buffers out after the ports closed$/\1/p' "$work/t.log") &&
        [ -n "$out" ] && [ "$out" -le "$max_out" ] && grep -q "ports closed" "$work/t.log" &&
        ! netns_xdp_attached "$tag-a" "${tag}e"; then
        pass "$name"
    else
        xdp=detached; netns_xdp_attached "$tag-a" "${tag}e" && xdp=attached
        fail "$name (exit $rc, sent ${sent:-?}, echoed/byte-exact ${echoed:-?}, out ${out:-?} of at most $max_out, XDP $xdp)"
        cat "$work/t.log" "$work/peer2.log"
    fi
else
    fail "$name: cne-echo did not start"; cat "$work/t.log"
fi

# --- 3. a misspelt lports section
sed -e 's/"lports"/"lportz"/' "$cfg" >"$work/lportz.jsonc"
out=$(ip netns exec "$tag-a" "$bin_dir/cne-echo" -c "$work/lportz.jsonc" --metrics-port 0 2>&1 >/dev/null)
rc=$?
if [ $rc -ne 0 ] && [[ "$out" == *"warning: lportz: unknown section ignored (did you mean \"lports\"?)"* ]] &&
    [[ "$out" == *"$work/lportz.jsonc:"*": error: lports: no lports: the config defines no ports to open (is \"lportz\" meant to be \"lports\"?)"* ]]; then
    pass "a misspelt lports section: warned and refused with its location"
else
    fail "lportz (exit $rc): $out"
fi

# --- 4. XDP left by a killed run
ip netns exec "$tag-a" "$bin_dir/cne-echo" -c "$cfg" --duration 60 --quiet --metrics-port 0 >"$work/k.log" 2>&1 &
killed=$!
netns_track "$killed"
if netns_wait_line "$work/k.log" ": ready" 30; then
    kill -KILL "$killed"; wait "$killed" 2>/dev/null
    name="after SIGKILL: the leftover generic-mode program is reused by a generic-mode run"
    if netns_xdp_attached "$tag-a" "${tag}e"; then
        ip netns exec "$tag-a" "$bin_dir/cne-echo" -c "$cfg" --duration 60 --quiet --metrics-port 0 >"$work/r.log" 2>&1 &
        echo_pid=$!
        netns_track "$echo_pid"
        if netns_wait_line "$work/r.log" ": ready" 30 &&
            ip netns exec "$tag-b" python3 scripts/peer.py echo "${tag}p" --dst-mac "$mac_e" --count 500 --size 64 --timeout 10 >/dev/null &&
            kill -TERM "$echo_pid" && wait "$echo_pid" && grep -q "perhaps left by a run that was killed: reusing it" "$work/r.log"; then
            pass "$name"
        else
            fail "$name"; cat "$work/r.log"
        fi
        sed -e 's/"skb_mode": true/"skb_mode": false/' "$cfg" >"$work/native.jsonc"
        out=$(ip netns exec "$tag-a" "$bin_dir/cne-echo" -c "$work/native.jsonc" --metrics-port 0 2>&1 >/dev/null)
        rc=$?
        if [ $rc -ne 0 ] && [[ "$out" == *"error: lport \"${tag}e:0\": netdev \"${tag}e\" already has an XDP program attached in generic (skb) mode (id "*"), but the config asks for native (driver) mode; a run that was killed may have left it: detach it (ip link set dev ${tag}e xdpgeneric off) or change \"skb_mode\""* ]]; then
            pass "after SIGKILL: a native-mode run is refused with the remedy"
        else
            fail "native mode over a leftover (exit $rc): $out"
        fi
    else
        fail "$name: no program was left attached"
    fi
else
    fail "SIGKILL test: cne-echo did not start"; cat "$work/k.log"
fi

netns_cleanup
harness_end runtime
