#!/usr/bin/env bash
# swift-cndp: the CPU an idle network function costs (root). Each binary runs cne-echo's config on
# its own idle veth pair (no traffic) and the CPU time all its threads used over SECONDS is read
# from /proc/PID/task/*/schedstat (nanoseconds; /proc/PID/stat's ticks are 10 ms, too coarse
# here). Binaries alternate for ROUNDS rounds, so a load change on the shared machine falls on
# both. What it cannot show: wake-ups that cost the kernel time outside the process.
# A binary named cne-echo-c is the C echo (build/bench/cne-echo-c), given its own arguments.
# Usage: scripts/idle-cpu.sh [-s SECONDS] [-r ROUNDS] [-t INTR_TIMEOUT_MS] BIN... [-- EXTRA_ARGS]   e.g.
#   scripts/idle-cpu.sh -s 10 -r 2 .build/release/cne-echo build/bench/cne-echo-c -- --quiet
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/netns-lib.sh
seconds=10 rounds=2 wait_ms="" bins=() extra=()
while [ $# -gt 0 ]; do
    case $1 in
        -s) seconds=$2; shift 2 ;;
        -r) rounds=$2; shift 2 ;;
        -t) wait_ms=$2; shift 2 ;;  # the worker's intr_timeout in ms (CNE's default 100; the C echo polls 10)
        --) shift; extra=("$@"); break ;;
        *) bins+=("$1"); shift ;;
    esac
done
[ ${#bins[@]} -gt 0 ] && [[ $seconds =~ ^[1-9][0-9]*$ && $rounds =~ ^[1-9][0-9]*$ && $wait_ms =~ ^[0-9]*$ ]] ||
    { echo "usage: $0 [-s SECONDS] [-r ROUNDS] [-t MS] BIN... [-- ARGS]   (whole numbers)" >&2; exit 2; }

tag="idl$$"
work=$(mktemp -d)
trap 'netns_cleanup; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
netns_add "$tag-a"
netns_add "$tag-b"
netns_veth "$tag-a" "${tag}e" 02:00:00:00:50:01 "$tag-b" "${tag}p" 02:00:00:00:50:02
sed -e "s/cne-echo0/${tag}e/g" Examples/cne-echo/echo.jsonc >"$work/echo.jsonc"
# -t: the thread serves the port (a thread without lports leaves the port to a default worker)
[ -z "$wait_ms" ] || sed -i "s/\"group\": \"default\",/\"group\": \"default\", \"lports\": [\"${tag}e:0\"], \"intr_timeout\": $wait_ms,/" "$work/echo.jsonc"
# A config whose thread no longer reads "group": "default", would leave -t silently unapplied.
[ -z "$wait_ms" ] || grep -q "\"intr_timeout\": $wait_ms," "$work/echo.jsonc" ||
    { echo "-t: no \"group\": \"default\", thread in Examples/cne-echo/echo.jsonc to set intr_timeout on" >&2; exit 1; }

# sample PID: "TID NS" for every live thread of PID (its CPU time so far, in nanoseconds).
sample() {
    local t
    for t in /proc/"$1"/task/*; do
        read -r ns _ <"$t/schedstat" 2>/dev/null && echo "${t##*/} $ns"
    done
}
# ticks PID: utime + stime of the whole process (exited threads included), in clock ticks.
ticks() { awk '{ print $14 + $15 }' /proc/"$1"/stat; }
# running PID: the process has not exited. Not `kill -0`: it succeeds on an exited child that
# is not yet waited for (a zombie), whose samples would count as a very quiet process.
running() { local state; state=$(sed 's/.*) //' /proc/"$1"/stat 2>/dev/null) && [ "${state%% *}" != Z ]; }

for round in $(seq 1 "$rounds"); do
    for bin in "${bins[@]}"; do
        if [ "${bin##*/}" = cne-echo-c ]; then  # the C echo (make bench-c): its own arguments
            ip netns exec "$tag-a" "$bin" "${tag}e" net_af_xdp >"$work/log" 2>&1 &
        else
            ip netns exec "$tag-a" "$bin" -c "$work/echo.jsonc" --metrics-port 0 "${extra[@]}" >"$work/log" 2>&1 &
        fi
        pid=$!
        netns_track "$pid"
        if ! netns_wait_line "$work/log" ": ready" 30; then
            echo "$bin did not start:"; cat "$work/log"; exit 1
        fi
        sleep 1  # past the start
        # Threads come and go (Swift's executor retires idle ones): sample every 0.1 s, so a
        # thread that exits loses at most its last 0.1 s; one born in the window counts from 0.
        sample "$pid" | sed 's/^/first /' >"$work/samples"
        t0=$(ticks "$pid")
        end=$(($(date +%s%N) + seconds * 1000000000))
        while [ "$(date +%s%N)" -lt "$end" ]; do
            sleep 0.1
            sample "$pid" >>"$work/samples"
        done
        t1=$(ticks "$pid")
        # A binary that exited in the window would report only the CPU before its exit.
        if ! running "$pid"; then
            echo "$bin exited during the measurement (no figure):"; cat "$work/log"; exit 1
        fi
        kill -TERM "$pid"
        for _ in $(seq 100); do running "$pid" || break; sleep 0.1; done  # bounded: 10 s
        if running "$pid"; then  # the EXIT trap's cleanup kills it
            echo "$bin did not stop within 10 s of SIGTERM:"; cat "$work/log"; exit 1
        fi
        wait "$pid"
        awk -v r="$round" -v bin="$bin" -v s="$seconds" -v ticks=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" '
            $1 == "first" { first[$2] = $3; next }
            { last[$1] = $2 }
            END {
                for (t in last) { ns += last[t] - (t in first ? first[t] : 0); n++ }
                printf "round %d  %-40s %6.2f ms CPU per second idle (schedstat, %d threads); %d ticks of 1/%d s in /proc/PID/stat\n",
                    r, bin, ns / 1e6 / s, n, ticks, hz
            }' "$work/samples"
    done
done
