#!/usr/bin/env bash
# Records the wireguard-go handshake transcript that Tests/WireGuardCoreTests/GoTranscriptTests.swift
# replays: Debian's wireguard-go in a fresh namespace with the throwaway keys of GoTranscript.swift,
# and the core as initiator (GoTranscriptCapture, a test enabled only by WG_TRANSCRIPT_CAPTURE)
# on the namespace's loopback. Prints each datagram in hex; paste them into the fixture by hand.
# Not run by CI (it needs root and wireguard-go; the committed bytes are what CI checks).
# Usage: nice swift build --build-tests && Tests/WireGuard/capture-transcript.sh   (root, repo root)
set -euo pipefail
umask 077
NS=wgcap$$
WG=wgc$$
work=$(mktemp -d)
go_pid=
cleanup() {
    [ -n "$go_pid" ] && { kill "$go_pid" 2>/dev/null || true; wait "$go_pid" 2>/dev/null || true; }
    ip netns del "$NS" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

src=Tests/WireGuardCoreTests/GoTranscript.swift
key() { sed -n "s/.*static let $1 = [^\"]*\"\([^\"]*\)\".*/\1/p" "$src"; }
key wireguardGoPrivateKey > "$work/go.key"
OUR_PUB=$(key ourPrivateKey | wg pubkey)
[ "$(wg pubkey < "$work/go.key")" = "$(key wireguardGoPublicKey)" ] || { echo "capture: keys in $src disagree" >&2; exit 1; }

ip netns add "$NS"
ip netns exec "$NS" ip link set lo up
ip netns exec "$NS" sysctl -qw net.ipv6.conf.default.disable_ipv6=1

# A fresh wireguard-go (no session, no timestamp seen), then one capture test against it.
phase() {   # $1: test name
    WG_PROCESS_FOREGROUND=1 ip netns exec "$NS" wireguard-go -f "$WG" > "$work/go.log" 2>&1 &
    go_pid=$!
    for _ in $(seq 50); do ip netns exec "$NS" ip link show "$WG" >/dev/null 2>&1 && break; sleep 0.1; done
    ip netns exec "$NS" wg set "$WG" listen-port 51820 private-key "$work/go.key" \
        peer "$OUR_PUB" allowed-ips 10.88.0.2/32 endpoint 127.0.0.1:51999
    ip netns exec "$NS" ip addr add 10.88.0.1/24 dev "$WG"
    ip netns exec "$NS" ip link set "$WG" mtu 1420 up
    echo "--- $1"
    ip netns exec "$NS" env WG_TRANSCRIPT_CAPTURE=1 timeout 60 \
        swift test --skip-build --filter "GoTranscriptCapture/$1" 2>&1 \
        | grep -E '^[a-z-]+ [0-9a-f]+$|passed|failed|error' || true
    ip netns exec "$NS" wg show "$WG" | sed 's/^/    /'
    kill "$go_pid"
    wait "$go_pid" 2>/dev/null || true
    go_pid=
}
phase "captureCoreInitiating()"
phase "captureWireguardGoInitiating()"
