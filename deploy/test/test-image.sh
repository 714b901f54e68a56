#!/usr/bin/env bash
# The image end to end, as a pod would run it (root: namespaces, veth, XDP):
#   1. deploy/image/build.sh builds the image from scratch with buildah (or only its root
#      filesystem with --rootfs-only);
#   2. two veth pairs, their near ends in a "pod" network namespace, their far ends in a peer
#      namespace; the stand-in device plugin (build/test/fake-device-plugin) owns the XDP
#      programs in the pod namespace, gives the pool's sockets to uid 1500 and serves one
#      pool of both devices at <dir>/<netdev>/afxdp.sock;
#   3. the image's own binary and config run as uid 1500 with only NET_RAW and IPC_LOCK in
#      the bounding set (its file capabilities), no Swift runtime on the host, the plugin's
#      directory mounted at /tmp/afxdp_dp and AFXDP_DEVICES_CNEPOOL set: under podman when
#      `podman run` works here (IMAGE_RUNNER=podman), else chrooted into the root filesystem
#      in its own mount and UTS namespaces (IMAGE_RUNNER=chroot);
#   4. the peer sends numbered frames on both devices and checks every echo byte for byte.
# Usage: deploy/test/test-image.sh [--rootfs-only]   (IMAGE_RUNNER=podman|chroot to force one)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
plugin=$root/build/test/fake-device-plugin
rootfs=$root/build/image/rootfs
tag=localhost/swift-cndp/cne-echo:test
id=$$
podns=cnepod$id
peerns=cnepeer$id
dir=/tmp/cne-afxdp-image-$id
pod=cne-echo-$id
frames=200
uid=1500

fail() { echo "test-image: FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "test-image: skipped: needs root (namespaces, veth, XDP)"; exit 0; }
[ -x "$plugin" ] || fail "$plugin is missing (make build/test/fake-device-plugin)"

runner=${IMAGE_RUNNER:-}
built_image=0
if [ "${1:-}" = "--rootfs-only" ]; then
    runner=chroot
    "$root/deploy/image/build.sh" --rootfs-only --rootfs "$rootfs"
else
    "$root/deploy/image/build.sh" --rootfs "$rootfs" --tag "$tag"
    built_image=1
fi

# The root filesystem: the binary, its libraries and nothing of Swift's.
bin=$rootfs/usr/local/bin/cne-echo
[ -x "$bin" ] || fail "no binary in the image"
caps=$(getcap "$bin" | sed 's/.* //')
case $caps in cap_net_raw,cap_ipc_lock=ep|cap_ipc_lock,cap_net_raw=ep) ;; *) fail "the binary's file capabilities: '$caps'" ;; esac
if find "$rootfs" -name 'libswift*' -o -name 'libFoundation*' | grep -q .; then fail "Swift runtime libraries in the image"; fi
in_rootfs() { unshare --mount --pid --fork --propagation private --mount-proc="$rootfs/proc" chroot "$rootfs" "$@"; }
in_rootfs /usr/local/bin/cne-echo --help >/dev/null || fail "the binary does not start in its root filesystem (a library missing?)"
out=$(in_rootfs /usr/local/bin/cne-echo --config /etc/cne/cne-echo.jsonc --duration 1 2>&1) && fail "started without devices: $out"
echo "$out" | grep -q "no AFXDP_DEVICES_<POOL> variable is set" || fail "without the plugin's variable: $out"
size_kb=$(du -sk "$rootfs" | cut -f1)
echo "test-image: root filesystem ${size_kb} KiB, $(find "$rootfs" -type f | wc -l) files"
# veth has no zero-copy AF_XDP, and a port without "skb_mode" asks for it (as CNDP does): the
# test runs the image's own config switched to copy mode. A pod on a NIC keeps the default.
veth_config=/etc/cne/cne-echo-veth.jsonc
sed 's/"skb_mode": false/"skb_mode": true/' "$root/deploy/base/cne-echo.jsonc" >"$rootfs$veth_config"
grep -q '"skb_mode": true' "$rootfs$veth_config" || fail "the image's config has no \"skb_mode\" to switch"

if [ -z "$runner" ]; then
    if podman run --rm --network none --entrypoint /usr/local/bin/cne-echo "$tag" --help >/dev/null 2>"$dir.podman.err"; then
        runner=podman
    else
        echo "test-image: podman cannot run the image here: $(tail -n 3 "$dir.podman.err" | tr '\n' ' ')"
        runner=chroot
    fi
    rm -f "$dir.podman.err"
fi
echo "test-image: running the image's binary with $runner"

cleanup() {
    set +e
    [ -n "${plugin_pid:-}" ] && { exec {plugin_in}>&- 2>/dev/null; wait "$plugin_pid" 2>/dev/null; }
    ip netns del "$podns" 2>/dev/null
    ip netns del "$peerns" 2>/dev/null
    rm -rf "$dir"
    [ "$built_image" -eq 1 ] && buildah rmi -f "$tag" >/dev/null 2>&1
}
trap cleanup EXIT

ip netns add "$podns"
ip netns add "$peerns"
netdevs=()
for i in 0 1; do
    near=cnei$i$id; far=cnef$i$id
    ip link add "$near" netns "$podns" type veth peer name "$far" netns "$peerns"
    ip netns exec "$podns" sysctl -qw "net.ipv6.conf.$near.disable_ipv6=1"
    ip netns exec "$peerns" sysctl -qw "net.ipv6.conf.$far.disable_ipv6=1"
    ip -n "$podns" link set "$near" up
    ip -n "$peerns" link set "$far" up
    netdevs+=("$near")
done

# The plugin: one pool of both devices, its sockets given to the pod's uid.
mkdir -p "$dir"
coproc PLUGIN { exec ip netns exec "$podns" "$plugin" --timeout 20000 --pod "$pod" --uid "$uid" \
    --dir "$dir/afxdp_dp" "CNEPOOL=${netdevs[0]},${netdevs[1]}"; }
plugin_pid=$PLUGIN_PID
plugin_in=${PLUGIN[1]}
read -r -t 10 line <&"${PLUGIN[0]}" || true
[ "$line" = ready ] || fail "the plugin did not start: $line"

env_devices="${netdevs[0]} ${netdevs[1]}"
args=(--config "$veth_config" --quiet --duration 12 --packets $((2 * frames)))
log=$dir/cne-echo.log
if [ "$runner" = podman ]; then
    podman run --rm --name "$pod" --hostname "$pod" --network "ns:/run/netns/$podns" \
        --user "$uid:$uid" --cap-drop all --cap-add NET_RAW,IPC_LOCK \
        -v "$dir/afxdp_dp:/tmp/afxdp_dp" -v "$rootfs$veth_config:$veth_config:ro" -e AFXDP_DEVICES_CNEPOOL="$env_devices" \
        "$tag" "${args[@]}" >"$log" 2>&1 &
else
    # Bounding set: NET_RAW and IPC_LOCK only; uid 1500; the file capabilities grant the two.
    drop=$(for n in $(seq 0 "$(cat /proc/sys/kernel/cap_last_cap)"); do
        name=$(capsh --decode=$(printf '%x' $((1 << n))) | sed 's/.*=//')
        case $name in cap_net_raw|cap_ipc_lock) ;; *) printf '%s,' "$name" ;; esac
    done); drop=${drop%,}
    ip netns exec "$podns" unshare --mount --uts --pid --fork --propagation private env -i \
        AFXDP_DEVICES_CNEPOOL="$env_devices" sh -c '
            dir=$1 rootfs=$2 drop=$3 uid=$4
            shift 4
            hostname "$0"
            mount --bind "$dir" "$rootfs/tmp/afxdp_dp"
            mount -t proc proc "$rootfs/proc"
            exec capsh --chroot="$rootfs" --drop="$drop" --gid="$uid" --groups="$uid" --uid="$uid" \
                --shell=/usr/local/bin/cne-echo -- "$@"' \
        "$pod" "$dir/afxdp_dp" "$rootfs" "$drop" "$uid" "${args[@]}" >"$log" 2>&1 &
fi
cnf=$!
for _ in $(seq 100); do grep -q "cne-echo: ready" "$log" 2>/dev/null && break; kill -0 $cnf 2>/dev/null || break; sleep 0.1; done
grep -q "cne-echo: ready" "$log" || { cat "$log" >&2; fail "cne-echo did not start"; }

# Who it runs as: find it among the runner's descendants, read its credentials.
descendant() {
    local p=$1 c
    [ "$(cat "/proc/$p/comm" 2>/dev/null)" = cne-echo ] && { echo "$p"; return; }
    for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do descendant "$c"; done
}
echo_pid=$(descendant $cnf | head -1)
[ -n "$echo_pid" ] || fail "cne-echo's process not found under $cnf"
status=$(cat "/proc/$echo_pid/status")
uids=$(echo "$status" | awk '/^Uid:/ { print $2, $3, $4, $5 }')
[ "$uids" = "$uid $uid $uid $uid" ] || fail "cne-echo runs as uids $uids, not $uid"
# CAP_NET_RAW is bit 13, CAP_IPC_LOCK bit 14: effective and bounding sets hold those two only.
for set in CapEff CapBnd; do
    value=$(echo "$status" | awk -v s="$set:" '$1 == s { print $2 }')
    [ $((16#$value)) -eq $(((1 << 13) | (1 << 14))) ] || fail "cne-echo's $set is $value, not NET_RAW+IPC_LOCK"
done

# Traffic on both devices, at once; every echo checked byte for byte.
peer=$root/scripts/peer.py
reports=()
for i in 0 1; do
    mac=$(ip netns exec "$podns" cat "/sys/class/net/${netdevs[$i]}/address")
    ip netns exec "$peerns" python3 "$peer" report "cnef$i$id" --count $frames --dst "$mac" --timeout 5 >"$dir/peer$i.json" &
    reports+=($!)
done
for p in "${reports[@]}"; do wait "$p" || fail "the peer failed"; done
wait $cnf || { cat "$log" >&2; fail "cne-echo exited with $?"; }
exec {plugin_in}>&-
summary=$(cat <&"${PLUGIN[0]}" || true)
wait "$plugin_pid" || true
plugin_pid=

for i in 0 1; do
    exact=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["exact"])' "$dir/peer$i.json")
    [ "$exact" -eq $frames ] || fail "device ${netdevs[$i]}: $exact of $frames echoes exact ($(cat "$dir/peer$i.json"))"
done
echo "$summary" | grep -q '"fin": 1' || fail "the session did not end with /fin: $summary"
echo "$summary" | grep -q '"fds": 2' || fail "not both maps over one session: $summary"
grep -q "cne-echo: echoing on ${netdevs[0]}:0 (net_af_xdp ${netdevs[0]}/0), ${netdevs[1]}:0 (net_af_xdp ${netdevs[1]}/0)" "$log" \
    || fail "ports: $(grep echoing "$log")"
echo "test-image: $runner, uid $uid, CapEff=CapBnd=NET_RAW+IPC_LOCK (kernel $(uname -r), unprivileged_bpf_disabled=$(cat /proc/sys/kernel/unprivileged_bpf_disabled)): $frames/$frames exact echoes on each of 2 devices, one plugin session (fin, 2 maps)"
echo "1 passed, 0 failed"
