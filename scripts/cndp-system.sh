#!/bin/bash
# Prepares an installed CNDP (built and installed by you, outside this repository) for
# swift-cndp: `make cndp-system CNDP_PREFIX=/opt/cndp`. It builds nothing of CNDP; it links
# what the install already holds.
#
#  1. libcndp-swift.so: CNDP's driver archives (net_af_xdp, net_af_packet, net_null: static
#     archives whose drivers register themselves from constructors, so they must be linked
#     whole) in one shared library, with a run path to CNDP's libraries.
#  2. cndp-swift.pc: the pkg-config file SwiftPM reads for the CNDPSystem target. It names
#     only the libraries CNE needs (CNDP's libcndp.pc names all 36, whose graph-node
#     constructors print on stdout and break `swift test list`) and only flags SwiftPM
#     accepts (-I, -L, -l: libcndp.pc's -include and -march are dropped with a warning, and
#     its multi-line Description is refused).
#  3. With write access to them (root): a loader entry for CNDP's library directory
#     (/etc/ld.so.conf.d/swift-cndp.conf, then ldconfig) so programs run without
#     LD_LIBRARY_PATH, and a link to the .pc in /usr/local/lib/pkgconfig so that
#     `CNDP_PREFIX=... swift build` finds it without PKG_CONFIG_PATH.
#
# Usage: scripts/cndp-system.sh PREFIX [OUTDIR]   (OUTDIR defaults to CNDP's library directory)
set -euo pipefail

prefix=${1:?usage: cndp-system.sh CNDP_PREFIX [OUTDIR]}
triplet=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
libdir="$prefix/lib/$triplet"
[ -d "$libdir" ] || libdir="$prefix/lib"
out=${2:-$libdir}
incdir="$prefix/include/cndp"

die() { echo "cndp-system: $*" >&2; exit 1; }
[ -f "$incdir/cne.h" ] || die "no CNDP headers in $incdir (is CNDP_PREFIX right?)"
[ -f "$libdir/libpmd_af_xdp.a" ] || die "no driver archive $libdir/libpmd_af_xdp.a"

# The libraries behind the API CNE uses (cne.h, cne_mmap.h, mempool.h, pktmbuf.h, pktdev*.h,
# xskdev.h, uds_connect.h) and what the three drivers need; no graph, stack or CLI.
libs="-lcne_pktdev -lcne_xskdev -lcne_pktmbuf -lcne_mempool -lcne_ring -lcne_cne -lcne_mmap \
-lcne_kvargs -lcne_events -lcne_log -lcne_osal -lcne_uds_connect -lcne_uds -lcne_utils -lcne_hash"
for l in $libs; do
    [ -e "$libdir/lib${l#-l}.so" ] || die "missing $libdir/lib${l#-l}.so"
done
version=$(sed -n "s/^Version: *//p" "$libdir/pkgconfig/libcndp.pc" "$prefix/lib/pkgconfig/libcndp.pc" 2>/dev/null | head -n 1 || true)

mkdir -p "$out/pkgconfig"
# shellcheck disable=SC2086
gcc -shared -o "$out/libcndp-swift.so.tmp" -Wl,-soname,libcndp-swift.so \
    -Wl,--whole-archive "$libdir/libpmd_af_xdp.a" "$libdir/libpmd_af_packet.a" "$libdir/libpmd_null.a" \
    -Wl,--no-whole-archive -L"$libdir" -Wl,-rpath,"$libdir" -Wl,--no-as-needed $libs \
    -lbsd -lbpf -lxdp -lpthread -Wl,--no-undefined
mv "$out/libcndp-swift.so.tmp" "$out/libcndp-swift.so"

cat >"$out/pkgconfig/cndp-swift.pc" <<PC
# Written by swift-cndp's scripts/cndp-system.sh for the CNDP in $prefix.
libdir=$out
cndplibdir=$libdir
includedir=$prefix/include

Name: cndp-swift
Description: CNDP ${version:-(unknown version)} core libraries and the net_af_xdp, net_af_packet and net_null drivers, for swift-cndp
Version: ${version:-0}
Cflags: -I\${includedir}/cndp
Libs: -L\${libdir} -L\${cndplibdir} -lcndp-swift $libs
PC
echo "cndp-system: wrote $out/libcndp-swift.so and $out/pkgconfig/cndp-swift.pc"

# The loader and pkg-config search paths, when we may write them.
if ! ldconfig -p 2>/dev/null | grep -q "$libdir/libcne_pktdev.so"; then
    if [ -w /etc/ld.so.conf.d ]; then
        { echo "$libdir"; [ "$out" = "$libdir" ] || echo "$out"; } >/etc/ld.so.conf.d/swift-cndp.conf
        ldconfig
        echo "cndp-system: $libdir added to the loader's path (/etc/ld.so.conf.d/swift-cndp.conf)"
    else
        echo "cndp-system: to run without LD_LIBRARY_PATH, add $libdir to /etc/ld.so.conf.d and run ldconfig (root)"
    fi
fi
if [ -d /usr/local/lib/pkgconfig ] || mkdir -p /usr/local/lib/pkgconfig 2>/dev/null; then
    if [ -w /usr/local/lib/pkgconfig ]; then
        ln -sf "$out/pkgconfig/cndp-swift.pc" /usr/local/lib/pkgconfig/cndp-swift.pc
        echo "cndp-system: /usr/local/lib/pkgconfig/cndp-swift.pc -> $out/pkgconfig/cndp-swift.pc"
    else
        echo "cndp-system: set PKG_CONFIG_PATH=$out/pkgconfig (or swift build --pkg-config-path $out/pkgconfig)"
    fi
fi
