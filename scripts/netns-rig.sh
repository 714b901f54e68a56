#!/usr/bin/env bash
# swift-cndp traffic rig: namespaces and veth pairs as one command, for every test, benchmark and
# the demo (shell scripts may source scripts/netns-lib.sh, which this wraps; Python, C and Swift
# run this). Names carry the caller's tag and PID so parallel runs never collide.
#
#   netns-rig.sh add NS...                      namespaces with IPv6 off (no chatter) and lo up
#   netns-rig.sh veth [-q QUEUES] NS_A IF_A MAC_A NS_B IF_B MAC_B
#                                               a veth pair, QUEUES rx and tx queues per end (1),
#                                               both ends up, IPv6 off on both; NS "-" is the
#                                               caller's namespace, MAC "-" the kernel's choice
#   netns-rig.sh del NS...                      delete namespaces (with the veth ends inside)
#   netns-rig.sh del-link IF                    delete a link of the caller's namespace
#   netns-rig.sh left TAG                       print what is left with TAG in its name
#   netns-rig.sh run NS CPU CMD...              exec CMD in NS ("-": here) pinned to CPU at high
#                                               priority (see netns_pinned), keeping this PID
# Exit status: 0 on success; on failure the failing `ip` command's message is on stderr.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/netns-lib.sh"

cmd=${1:-}
shift || true
case "$cmd" in
add)
    for ns in "$@"; do netns_add "$ns"; done
    ;;
veth)
    queues=1
    if [ "${1:-}" = "-q" ]; then queues=$2; shift 2; fi
    [ $# -eq 6 ] || { echo "usage: netns-rig.sh veth [-q QUEUES] NS_A IF_A MAC_A NS_B IF_B MAC_B" >&2; exit 2; }
    NETNS_QUEUES=$queues netns_veth "$@"
    ;;
del)
    for ns in "$@"; do ip netns del "$ns" 2>/dev/null || true; done
    ;;
del-link)
    ip link del "$1" 2>/dev/null || true
    ;;
left)
    netns_left "$1"
    ;;
run)
    ns=$1 cpu=$2
    shift 2
    netns_pinned "$ns" "$cpu" "$@"
    ;;
*)
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
