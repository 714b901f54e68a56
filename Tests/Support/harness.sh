# swift-cndp: the frame the end-to-end test scripts share (sourced after they cd to the root).
#   harness_begin PREFIX [BIN_DIR]  sets bin_dir (default: the release bin path), tag (PREFIX and
#                                   the PID, so parallel runs never collide), work (a temporary
#                                   folder), the cleanup traps and the pass/fail counters
#   pass TEXT / fail TEXT           count and print one check
#   harness_end NAME                checks nothing is left with the tag, prints the closing
#                                   "NAME: N passed, N failed" line; its status is the verdict
. scripts/netns-lib.sh

harness_begin() {
    tag="$1$$"
    bin_dir=${2:-$(swift build -c release --show-bin-path)}
    work=$(mktemp -d)
    # Namespaces, veths and processes go with the script, whichever way it ends.
    trap 'netns_cleanup; rm -rf "$work"' EXIT
    trap 'exit 130' INT TERM
    passed=0 failed=0
}

pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }

harness_end() {
    local left
    left=$(netns_left "$tag")
    if [ -n "$left" ]; then fail "left behind: $left"; else pass "nothing left behind (namespaces, veths, processes)"; fi
    echo "$1: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
