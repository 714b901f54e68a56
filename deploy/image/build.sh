#!/usr/bin/env bash
# Builds the cne-echo runtime image offline, from scratch: the release binary linked with
# --static-swift-stdlib, only the shared libraries ldd says it loads (libbpf, libxdp, libc...),
# the default config, and nothing else (no shell, no package manager).
#
# Usage: deploy/image/build.sh [--rootfs-only] [--rootfs DIR] [--tag NAME] [--archive FILE]
#   --rootfs-only   stop after the root filesystem (no buildah needed); make test checks it
#   --rootfs DIR    where to lay it out (default build/image/rootfs)
#   --tag NAME      the image's name (default localhost/swift-cndp/cne-echo:dev)
#   --archive FILE  also write the image as an OCI archive (to load where it is needed:
#                   `skopeo copy oci-archive:FILE docker://REGISTRY/...`, `ctr image import`)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
rootfs=$root/build/image/rootfs
tag=localhost/swift-cndp/cne-echo:dev
archive=
rootfs_only=0
while [ $# -gt 0 ]; do
    case $1 in
        --rootfs-only) rootfs_only=1 ;;
        --rootfs) rootfs=$2; shift ;;
        --tag) tag=$2; shift ;;
        --archive) archive=$2; shift ;;
        *) echo "usage: $0 [--rootfs-only] [--rootfs DIR] [--tag NAME] [--archive FILE]" >&2; exit 2 ;;
    esac
    shift
done

# Its own scratch path: --static-swift-stdlib recompiles every module (measured: in the
# package's .build it rebuilt CNE and its dependencies, 277 s on this 2-core machine under
# load), so sharing .build with make test-examples would rebuild both ways on every run.
scratch=$root/.build-image
swift_flags=(-c release --static-swift-stdlib --scratch-path "$scratch" --package-path "$root")
echo "image: building cne-echo (release, static Swift runtime)"
mkdir -p "$root/build/image"
log=$root/build/image/swift-build.log
if ! swift build "${swift_flags[@]}" --product cne-echo >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "image: error: swift build failed (log: build/image/swift-build.log)" >&2
    exit 1
fi
# No warnings, as everywhere; but the static Foundation archive's own link-time warning
# (glibc's "the use of `mktemp' is dangerous", from libFoundationEssentials.a) is not ours.
if grep -E '(^|: )warning: ' "$log" | grep -v 'libFoundationEssentials\.a(.*the use of `mktemp'"'"' is dangerous' | grep -q .; then
    grep -E '(^|: )warning: ' "$log" >&2
    echo "image: error: the build printed warnings" >&2
    exit 1
fi
bin=$(swift build "${swift_flags[@]}" --show-bin-path)/cne-echo
[ -x "$bin" ] || { echo "image: error: no $bin" >&2; exit 1; }

rm -rf "$rootfs"
# proc, sys, dev: mount points (a Swift program reads its arguments from /proc/self/cmdline).
mkdir -p "$rootfs/usr/local/bin" "$rootfs/etc/cne" "$rootfs/tmp/afxdp_dp" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev"
install -m 0755 "$bin" "$rootfs/usr/local/bin/cne-echo"
strip --strip-unneeded "$rootfs/usr/local/bin/cne-echo"
# AF_XDP sockets need NET_RAW, pinning the umem IPC_LOCK. A non-root container gets no
# effective capabilities from its runtime (Kubernetes sets no ambient ones), so the binary
# carries them; the pod's capabilities.add (its bounding set) is what lets them take effect.
setcap cap_net_raw,cap_ipc_lock+ep "$rootfs/usr/local/bin/cne-echo"
install -m 0644 "$root/deploy/base/cne-echo.jsonc" "$rootfs/etc/cne/cne-echo.jsonc"
chmod 1777 "$rootfs/tmp"

# Exactly what the dynamic loader maps for this binary, at the paths it looks for them.
# (A Swift runtime library here would mean the static link did not happen.)
ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u |
while read -r lib; do
    case $lib in
        *libswift*|*libFoundation*|*lib_Foundation*|*libdispatch*)
            echo "image: error: $lib is a shared Swift runtime library: not linked statically" >&2
            exit 1 ;;
    esac
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
done
# The user the image runs as (no login, no home): kubelet and tools show it by name.
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
echo "image: root filesystem $rootfs ($(du -sh "$rootfs" | cut -f1)):"
(cd "$rootfs" && find . -type f | sort | sed 's/^\./    /')

[ "$rootfs_only" -eq 1 ] && exit 0

command -v buildah >/dev/null || { echo "image: error: buildah is missing (apt-get install buildah)" >&2; exit 1; }
ctr=$(buildah from scratch)
trap 'buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
buildah copy --quiet "$ctr" "$rootfs" / >/dev/null
buildah config \
    --entrypoint '["/usr/local/bin/cne-echo"]' \
    --cmd '["--config", "/etc/cne/cne-echo.jsonc"]' \
    --user 65534:65534 \
    --workingdir / \
    --label org.opencontainers.image.title=cne-echo \
    --label org.opencontainers.image.description="swift-cndp echo network function for the AF_XDP device plugin" \
    "$ctr"
buildah commit --quiet --rm "$ctr" "$tag" >/dev/null
trap - EXIT
echo "image: $tag ($(buildah images --format '{{.Size}}' "$tag" | head -1))"
if [ -n "$archive" ]; then
    rm -f "$archive"
    buildah push --quiet "$tag" "oci-archive:$archive:$tag"
    echo "image: wrote $archive"
fi
