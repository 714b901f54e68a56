#!/usr/bin/env python3
"""swift-cndp: `make bench`, one report of Swift (CNE) against C on the embedded core, and of the
drivers against each other, in figures that hold on any host: CPU time per packet (getrusage, or
/proc for another process) beside wall time, instruction counts, and ratios taken within one run.

1. User-space cost per packet, rx -> MAC swap -> tx over net_null: cne-bench-null (Swift) against
   null-loop (C, the core built as SwiftPM builds it), bursts 32 and 256: CPU and wall ns/packet
   (median of BENCH_RUNS interleaved runs, min..max, pinned), instructions/packet (callgrind; runs
   of two lengths, the difference cancels start-up) and heap allocations/packet (an LD_PRELOAD
   counter; the same difference).
2. The veth echo rig (root): veth-gen (CORES[0]) in one namespace sends 64-byte frames open loop
   for BENCH_SECONDS; the echo (CORES[1]) in the other sends them back: cne-echo on AF_XDP (SKB
   mode) and AF_PACKET, and the C echo (cne-echo-c) on the same. Reported: echoed packets/s (the
   generator's interface counter) and the echo process's CPU time per echoed packet (/proc: user
   and system). No native-mode row: as in CNDP 25.08 (xskdev binds XDP_ZEROCOPY unless
   LPORT_SKB_MODE), native mode means zero-copy, which veth refuses.
3. Scaling (root): cne-fwd lb (the echo) on 1..N queues of a veth pair in SKB mode, one worker
   thread per queue, each pinned, one generator per queue, on the CPUs in CORES, each steered to
   its queue by XPS (see scaling_section).
4. The generator's time (`make bench-generator`, Benchmarks/generator/bench-bindgen.sh); its
   failure is reported, not fatal.

Usage: Benchmarks/bench.py SWIFT_BIN_DIR C_BIN_DIR [REPORT]   (make bench passes them)
Environment: CORES (CPU list, e.g. 0-7; default: every CPU this process may use), BENCH_RUNS,
BENCH_VETH_RUNS, BENCH_SECONDS, BENCH_NULL_PACKETS, BENCH_SECTIONS (null,veth,scaling,generator).
"""
import datetime
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SWIFT_BIN, C_BIN = sys.argv[1], sys.argv[2]
REPORT = sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "Benchmarks", "REPORT.md")
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
VETH_RUNS = int(os.environ.get("BENCH_VETH_RUNS", "5"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
NULL_PACKETS = int(os.environ.get("BENCH_NULL_PACKETS", "20000000"))
SECTIONS = os.environ.get("BENCH_SECTIONS", "null,veth,scaling,generator").split(",")  # for development
RIG = os.path.join(ROOT, "scripts", "netns-rig.sh")


def parse_cpus(text):
    """'0-3,6' -> [0, 1, 2, 3, 6]."""
    cpus = []
    for part in text.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = part.split("-")
            cpus.extend(range(int(lo), int(hi) + 1))
        elif part:
            cpus.append(int(part))
    return cpus


CORES = parse_cpus(os.environ["CORES"]) if os.environ.get("CORES") else sorted(os.sched_getaffinity(0))
NULL_CPU = CORES[-1]                      # the net_null loops
GEN_CPU, ECHO_CPU = CORES[0], CORES[-1]   # the veth rig: generator and echo on different CPUs

out = []  # the report's lines


def say(line=""):
    print(line, flush=True)
    out.append(line)


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), capture_output=True, text=True, **kw)


def first_line(cmd):
    r = sh(cmd)
    return (r.stdout or r.stderr).strip().splitlines()[0] if (r.stdout or r.stderr).strip() else "?"


def fmt(values, digits=1):
    med = statistics.median(values)
    return f"{med:.{digits}f} ({min(values):.{digits}f}..{max(values):.{digits}f})"


# ---------------------------------------------------------------- machine
def machine():
    model = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    say("| | |")
    say("|---|---|")
    say(f"| date | {datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')} |")
    say(f"| CPU | {model}, {os.cpu_count()} CPUs online |")
    say(f"| kernel | {os.uname().sysname} {os.uname().release} |")
    say(f"| load average at start | {' '.join(open('/proc/loadavg').read().split()[:3])} "
        "(other work on the machine lengthens wall times; CPU times and instruction counts hold) |")
    say(f"| CPUs used (CORES) | {','.join(map(str, CORES))}: net_null loops on CPU {NULL_CPU}; veth generator on "
        f"CPU {GEN_CPU}, echo on CPU {ECHO_CPU} (`scripts/netns-rig.sh run`: taskset, nice -20 in a session of its own) |")
    say(f"| OS | {first_line('. /etc/os-release; echo $PRETTY_NAME')} |")
    say(f"| Swift | {first_line('swift --version 2>&1')} |")
    say(f"| gcc | {first_line('gcc --version')} |")
    say(f"| command | `make bench` (BENCH_RUNS={RUNS}, BENCH_VETH_RUNS={VETH_RUNS}, BENCH_SECONDS={SECONDS:g}) |")


# ---------------------------------------------------------------- net_null
NULL_PROGS = [
    ("Swift: cne-bench-null (CNE)", os.path.join(SWIFT_BIN, "cne-bench-null")),
    ("C: null-loop, core built as SwiftPM builds it (clang -O2 -fPIC)", os.path.join(C_BIN, "null-loop-clang")),
]
# No row for the core built with gcc -O3 -march=native: what such a build gains or loses depends on
# the host CPU and the compiler (gcc turned the null driver's former variable-length memcpy into
# `rep movsq` on an Intel Xeon: 2.4x slower than clang -O2 there), not on Swift or the core.


def null_run(prog, burst, packets, warmup=200000, env=None):
    """(wall ns/packet, CPU ns/packet, allocations or None) of one pinned run."""
    r = subprocess.run([RIG, "run", "-", str(NULL_CPU), prog, str(burst), str(packets), str(warmup)],
                       capture_output=True, text=True, env=env, timeout=600)
    if r.returncode != 0:
        raise RuntimeError(f"{prog}: {r.stderr.strip()}")
    ns = float(re.search(r" ns_per_packet=([0-9.]+)", r.stdout).group(1))
    cpu = float(re.search(r"cpu_ns_per_packet=([0-9.]+)", r.stdout).group(1))
    allocs = re.search(r"allocations=(\d+)", r.stderr)
    return ns, cpu, int(allocs.group(1)) if allocs else None


def callgrind_ir(prog, burst, packets):
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", prog, str(burst),
                        str(packets), "1000"], capture_output=True, text=True, timeout=1200)
    m = re.search(r"Collected : (\d+)", r.stderr)
    if not m:
        raise RuntimeError(f"callgrind on {prog}: {r.stderr.strip().splitlines()[-1:]}")
    return int(m.group(1))


def null_section():
    say("## 1. User-space cost per packet: rx -> MAC swap -> tx over `net_null`")
    say()
    say("One thread, one `net_null` port (synthetic 64-byte frames: the driver writes each frame, "
        "the loop swaps its MACs and sends it, the driver frees it). The same loop and pool in both "
        "languages (8192 × 2 KB buffers, 4 KB pages, per-thread cache 256): "
        "`Benchmarks/null-loop-swift/main.swift` against `Benchmarks/null-loop/null_loop.c`. "
        f"{NULL_PACKETS // 1000000}M packets per run after a 200k warm-up; "
        f"median of {RUNS} interleaved runs (min..max).")
    say()
    results, cpu = {}, {}
    for burst in (32, 256):
        for _ in range(RUNS):
            for name, prog in NULL_PROGS:
                ns, c, _ = null_run(prog, burst, NULL_PACKETS)
                results.setdefault((name, burst), []).append(ns)
                cpu.setdefault((name, burst), []).append(c)
    say(f"Pinned to CPU {NULL_CPU}. CPU time is the process's user + system time (getrusage) over the "
        "measured loop; wall time also counts time the loop was descheduled, so on a loaded machine it "
        "grows while CPU time does not.")
    say()
    say("| program | CPU ns/packet, burst 32 | burst 256 | wall ns/packet, burst 32 | burst 256 |")
    say("|---|---|---|---|---|")
    for name, _ in NULL_PROGS:
        say(f"| {name} | {fmt(cpu[(name, 32)], 2)} | {fmt(cpu[(name, 256)], 2)} | "
            f"{fmt(results[(name, 32)], 2)} | {fmt(results[(name, 256)], 2)} |")
    swift, c_name = NULL_PROGS[0][0], NULL_PROGS[1][0]
    # Per round ratios (the two programs ran back to back), then their median: load that changes
    # between rounds cancels.
    per_round = [statistics.median([a / b for a, b in zip(cpu[(swift, bb)], cpu[(c_name, bb)])]) for bb in (32, 256)]
    say(f"| ratio Swift / C, CPU time: median of per-round ratios | {per_round[0]:.3f} | {per_round[1]:.3f} | | |")
    say()

    # Instructions per packet: callgrind over runs of two lengths.
    say("Instructions per packet (valgrind --tool=callgrind, Ir; runs of 1.1M and 0.1M packets, "
        "difference / 1M, so start-up cancels out; deterministic, one run each, the same on any x86-64 "
        "host with the same compilers). Both binaries are run with their DWARF 5 debug info stripped, "
        "which valgrind 3.19 cannot read.")
    say()
    tmp = tempfile.mkdtemp(prefix="cne-bench-")
    stripped = [strip_copy(NULL_PROGS[0][1], tmp), strip_copy(NULL_PROGS[1][1], tmp)]
    ir = {}
    for burst in (32, 256):
        for name, prog in ((NULL_PROGS[0][0], stripped[0]), (NULL_PROGS[1][0], stripped[1])):
            a = callgrind_ir(prog, burst, 100000)
            b = callgrind_ir(prog, burst, 1100000)
            ir[(name, burst)] = (b - a) / 1e6
    say("| program | instructions/packet, burst 32 | burst 256 |")
    say("|---|---|---|")
    for name in (NULL_PROGS[0][0], NULL_PROGS[1][0]):
        say(f"| {name} | {ir[(name, 32)]:.1f} | {ir[(name, 256)]:.1f} |")
    say(f"| ratio Swift / C (same core build) | {ir[(swift, 32)] / ir[(NULL_PROGS[1][0], 32)]:.3f} | "
        f"{ir[(swift, 256)] / ir[(NULL_PROGS[1][0], 256)]:.3f} |")
    say()

    # Heap allocations per packet.
    lib = os.path.join(C_BIN, "alloc_count.so")
    say("Heap allocations per packet (LD_PRELOAD counter `Benchmarks/null-loop/alloc_count.c`: malloc, "
        "calloc, realloc, posix_memalign, aligned_alloc, memalign; runs of 5M and 1M packets, difference / 4M):")
    say()
    say("| program | allocations in the 1M run | in the 5M run | allocations/packet, burst 32 | burst 256 |")
    say("|---|---|---|---|---|")
    env = dict(os.environ, LD_PRELOAD=lib)
    for name, prog in NULL_PROGS[:2]:
        cells = []
        for burst in (32, 256):
            _, _, a = null_run(prog, burst, 1000000, env=env)
            _, _, b = null_run(prog, burst, 5000000, env=env)
            cells.append((a, b, (b - a) / 4e6))
        say(f"| {name} | {cells[0][0]} | {cells[0][1]} | {cells[0][2]:.6f} | {cells[1][2]:.6f} |")
    say()
    shutil.rmtree(tmp, ignore_errors=True)
    return results, ir


def strip_copy(prog, directory):
    """A copy of prog without debug info (valgrind 3.19 cannot read DWARF 5)."""
    copy = os.path.join(directory, os.path.basename(prog))
    shutil.copy(prog, copy)
    sh(["strip", "--strip-debug", copy])
    return copy


def profile_section(ir):
    say("Where the instructions go (callgrind, burst 32, 1.1M packets plus start-up; the top functions by "
        "self cost; `echo` is the measured loop itself, MAC swap included):")
    say()
    tmp = tempfile.mkdtemp(prefix="cne-prof-")
    for name, prog in ((NULL_PROGS[0][0], strip_copy(NULL_PROGS[0][1], tmp)), (NULL_PROGS[1][0], strip_copy(NULL_PROGS[1][1], tmp))):
        cg = os.path.join(tmp, "cg.out")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={cg}", prog, "32", "1100000", "1000"],
                       capture_output=True, text=True, timeout=1200)
        ann = sh(["callgrind_annotate", "--threshold=99", cg]).stdout
        rows = [l for l in ann.splitlines() if re.match(r"^\s*[\d,]+ \(", l)][1:9]
        say(f"{name}:")
        say()
        say("```")
        for row in rows:
            say(re.sub(r"\s+", " ", row.strip())[:160])
        say("```")
        say()
    shutil.rmtree(tmp, ignore_errors=True)
    extra = [ir[(NULL_PROGS[0][0], b)] - ir[(NULL_PROGS[1][0], b)] for b in (32, 256)]
    say("Reading it: every function but the loop itself is the same core code in both binaries "
        "(same compiler, same flags, same instruction counts): the driver writing frames (`null_rx_default`, "
        "one fixed-size 64-byte copy each) and freeing them (`null_tx`), and the pool (`mempool_*`, "
        "`default_alloc`). The Swift loop inlines every CNE call down to the core's C "
        "(`Port.receive`/`send`, `PacketBurst.forEach`, `Packet.swapMACAddresses` do not appear): no "
        "call into CNE, no retain/release, no exclusivity check, no allocation. What it executes beyond "
        f"the C loop in this run: {extra[0]:+.1f} instructions per packet at burst 32, {extra[1]:+.1f} at "
        "burst 256.")
    say()


# ---------------------------------------------------------------- veth rig
def cpu_ns(pid):
    """CPU time of every thread of pid so far (schedstat, ns)."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            total += int(open(f"/proc/{pid}/task/{tid}/schedstat").read().split()[0])
        except OSError:
            pass
    return total


def user_sys_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]), int(fields[12])


def rig(*args):
    r = sh([RIG] + [str(a) for a in args])
    if r.returncode != 0:
        raise RuntimeError(f"netns-rig.sh {' '.join(map(str, args))}: {r.stderr.strip()}")


class Rig:
    """Two namespaces and a veth pair between them (scripts/netns-rig.sh); removed on exit."""

    def __init__(self, tag, queues=1):
        self.tag = tag
        self.ns_e, self.ns_g, self.if_e, self.if_g = f"{tag}-e", f"{tag}-g", f"{tag}e", f"{tag}g"
        self.mac_e, self.mac_g = "02:00:00:00:40:01", "02:00:00:00:40:02"
        self.queues = queues
        self.procs = []

    def __enter__(self):
        try:
            rig("add", self.ns_e, self.ns_g)
            rig("veth", "-q", self.queues, self.ns_e, self.if_e, self.mac_e, self.ns_g, self.if_g, self.mac_g)
        except Exception:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *_):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        rig("del", self.ns_e, self.ns_g)
        left = sh([RIG, "left", self.tag]).stdout.strip()
        if left:
            say(f"Left behind (error): {left}")

    def start_echo(self, cmd, log_path, cpus):
        """Starts cmd in the echo namespace on cpus at high priority (netns-rig.sh run); waits for its ready line."""
        log = open(log_path, "w+")
        p = subprocess.Popen([RIG, "run", self.ns_e, cpus] + cmd,
                             stdout=log, stderr=subprocess.STDOUT, text=True)
        self.procs.append(p)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and ": ready" not in open(log_path).read():
            if p.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited: {open(log_path).read()[-500:]}")
            time.sleep(0.05)
        time.sleep(0.2)
        return p

    def generators(self, cpus, seconds, rate=0):
        """veth-gen on each CPU of cpus at once; returns (sent, echoed) summed."""
        gens = [subprocess.Popen([RIG, "run", self.ns_g, str(c), os.path.join(C_BIN, "veth-gen"), self.if_g, self.mac_e,
                                  str(seconds), str(rate)],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for c in cpus]
        outs = [g.communicate(timeout=seconds + 30)[0] for g in gens]
        sent, echoed = 0, []
        for o in outs:
            m = re.search(r"sent=(\d+) seconds=\S+ echoed=(\d+)", o)
            if not m:
                raise RuntimeError(f"veth-gen: {o.strip()}")
            sent += int(m.group(1))
            echoed.append(int(m.group(2)))
        # Every generator reads the same interface counter: the echoed total is its largest delta.
        return sent, max(echoed)


def measure(p, rig_, gen_cpus, seconds, rate=0):
    """(offered pps, echoed pps, CPU ns/packet, user share) of the echo p over one generator run."""
    c0, (u0, s0) = cpu_ns(p.pid), user_sys_ticks(p.pid)
    sent, echoed = rig_.generators(gen_cpus, seconds, rate)
    c1, (u1, s1) = cpu_ns(p.pid), user_sys_ticks(p.pid)
    user_share = (u1 - u0) / max(1, (u1 - u0) + (s1 - s0))
    return sent / seconds, echoed / seconds, (c1 - c0) / max(echoed, 1), user_share


def stop(p):
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def echo_config(path, ifname, pmd, skb_mode=True):
    text = open(os.path.join(ROOT, "Examples", "cne-echo", "echo.jsonc")).read().replace("cne-echo0", ifname)
    text = text.replace('"pmd": "net_af_xdp"', f'"pmd": "{pmd}"')
    if not skb_mode:
        text = text.replace('"skb_mode": true', '"skb_mode": false')
    open(path, "w").write(text)
    return path


def veth_section():
    say("## 2. The veth echo rig: echoed packets/s and echo CPU time per packet")
    say()
    if os.geteuid() != 0:
        say("Skipped: needs root.")
        say()
        return
    if len(CORES) < 2:
        say("Skipped: needs two CPUs in CORES (the generator and the echo each get one).")
        say()
        return
    work = tempfile.mkdtemp(prefix="cne-bench-")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        with Rig(f"cnb{os.getpid()}") as r:
            variants = []
            # No "AF_XDP (native mode)" row: CNDP binds native mode zero-copy (XDP_ZEROCOPY with
            # XDP_FLAGS_DRV_MODE unless LPORT_SKB_MODE), and veth has no zero-copy AF_XDP, so the
            # port setup fails there by design. On a NIC with a zero-copy driver the same rows run
            # with skb_mode false (cne-echo) and net_af_xdp-native (cne-echo-c).
            for label, pmd, skb, c_pmd in (("AF_XDP (SKB mode)", "net_af_xdp", True, "net_af_xdp"),
                                           ("AF_PACKET", "net_af_packet", True, "net_af_packet")):
                cfg = echo_config(os.path.join(work, f"{c_pmd}.jsonc"), r.if_e, pmd, skb)
                variants.append((f"cne-echo (Swift), {label}", [os.path.join(SWIFT_BIN, "cne-echo"), "--config", cfg,
                                                                 "--burst", "32", "--quiet"]))
                variants.append((f"cne-echo-c (C), {label}", [os.path.join(C_BIN, "cne-echo-c"), r.if_e, c_pmd]))
            res = {}
            for _ in range(VETH_RUNS):
                for name, cmd in variants:
                    p = r.start_echo(cmd, os.path.join(work, "echo.log"), str(ECHO_CPU))
                    res.setdefault(name, []).append(measure(p, r, [GEN_CPU], SECONDS))
                    stop(p)
        say(f"veth pair between two namespaces; 64-byte frames; generator `veth-gen` (sendmmsg, bursts of 64, open "
            f"loop, as fast as it can) on CPU {GEN_CPU} for {SECONDS:g} s, echo on CPU {ECHO_CPU}, both at nice -20 "
            "in sessions of their own; cne-echo with `--burst 32` (copy-mode AF_XDP sends at most 32 frames per kick); "
            "the same loop, pool (16K × 2 KB) and idle policy (poll the port's descriptor, 10 ms at most, when a "
            "receive is empty) in both languages. Echoed is what the generator's interface received back. Echo CPU "
            "is the user + system time of the echo process over the run (schedstat), divided by the packets it "
            "echoed: it includes the kernel's transmit through the veth done in the echo's context; the receive "
            "side's softirq work (XDP program and copy, or AF_PACKET's delivery) runs on the generator's CPU, "
            f"since veth delivers in the sender's context. Median of {VETH_RUNS} interleaved runs (min..max).")
        say()
        say("| echo | offered Mpps | echoed kpps | echo CPU ns/packet | user share |")
        say("|---|---|---|---|---|")
        for name, _ in variants:
            rows = res[name]
            say(f"| {name} | {fmt([x[0] / 1e6 for x in rows], 2)} | {fmt([x[1] / 1e3 for x in rows], 0)} | "
                f"{fmt([x[2] for x in rows], 0)} | {statistics.median([x[3] for x in rows]) * 100:.0f}% |")

        def ratio(a, b, i):
            return statistics.median([x[i] / y[i] for x, y in zip(res[a], res[b])])
        for lang in ("cne-echo (Swift)", "cne-echo-c (C)"):
            for mode in ("SKB mode",):
                a, b = f"{lang}, AF_XDP ({mode})", f"{lang}, AF_PACKET"
                say(f"| ratio {lang} AF_XDP ({mode}) / AF_PACKET, median of per-round ratios | | "
                    f"{ratio(a, b, 1):.2f} | {ratio(a, b, 2):.2f} | |")
        for label in ("AF_XDP (SKB mode)", "AF_PACKET"):
            a, b = f"cne-echo (Swift), {label}", f"cne-echo-c (C), {label}"
            say(f"| ratio Swift / C, {label} | | {ratio(a, b, 1):.2f} | {ratio(a, b, 2):.2f} | |")
        say()
        say("AF_XDP (native mode): not possible on veth with CNDP's semantics. CNDP 25.08 binds a port without "
            "`skb_mode` with XDP_ZEROCOPY in driver mode, and veth has no zero-copy AF_XDP, so the port's setup "
            "fails (a clear error, tested by `make test`). On veth every AF_XDP figure is copy mode: the kernel "
            "copies each frame into the umem on receive and out of it on transmit, so these figures compare kernel "
            "paths; on a NIC with a zero-copy driver the copies go, and the same rows run with `\"skb_mode\": false` "
            "(cne-echo) and `net_af_xdp-native` (cne-echo-c).")
        say()
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- scaling
def fwd_config(path, ifname, echo_cpus):
    """cne-fwd in lb mode (echo): one lport per queue of ifname in SKB mode, one pinned thread each."""
    n = len(echo_cpus)
    lports = ",\n".join(f'"{ifname}:{q}": {{"pmd": "net_af_xdp", "qid": {q}, "umem": "umem0", "region": {q}, '
                        f'"skb_mode": true}}' for q in range(n))
    groups = ",\n".join([f'"initial": [{echo_cpus[0]}]'] + [f'"g{q}": [{c}]' for q, c in enumerate(echo_cpus)])
    threads = ",\n".join(['"main": {"group": "initial"}'] +
                          [f'"fwd:{q}": {{"group": "g{q}", "lports": ["{ifname}:{q}"]}}' for q in range(n)])
    regions = ", ".join(["8"] * n)
    open(path, "w").write(f"""{{
"application": {{"name": "cne-fwd-scaling"}},
"defaults": {{"bufcnt": 16, "bufsz": 2, "rxdesc": 2, "txdesc": 2, "cache": 256, "mtype": "4KB"}},
"umems": {{"umem0": {{"bufcnt": {8 * n}, "bufsz": 2, "mtype": "4KB", "regions": [{regions}], "rxdesc": 2, "txdesc": 2}}}},
"lports": {{{lports}}},
"lcore-groups": {{{groups}}},
"options": {{"pkt_api": "xskdev", "mode": "lb"}},
"threads": {{{threads}}}
}}
""")
    return path


def xps_mask(cpu):
    """The xps_cpus text for one CPU: hex, in comma-separated groups of 32 bits."""
    digits = format(1 << cpu, "x")
    digits = digits.zfill((len(digits) + 7) // 8 * 8)
    return ",".join(digits[i:i + 8] for i in range(0, len(digits), 8))


def steer(rig_, gen_cpus):
    """XPS on the generator's end: the sender on gen_cpus[q] transmits on tx queue q + 1, which veth
    delivers to rx queue q of the echo's end (see scaling_section)."""
    for q, cpu in enumerate(gen_cpus):
        path = f"/sys/class/net/{rig_.if_g}/queues/tx-{q + 1}/xps_cpus"
        r = sh(["ip", "netns", "exec", rig_.ns_g, "sh", "-c", f"echo {xps_mask(cpu)} > {path}"])
        if r.returncode != 0:
            raise RuntimeError(f"XPS {path}: {r.stderr.strip()}")


def scaling_section():
    say("## 3. Scaling: the echo on 1..N queues (AF_XDP, SKB mode, queues steered by XPS)")
    say()
    half = len(CORES) // 2
    gen_cpus, echo_cpus = CORES[:half], CORES[half:]
    say(f"CORES={','.join(map(str, CORES))}: generators on CPUs {gen_cpus}, echo workers on CPUs {echo_cpus}. "
        "`cne-fwd --mode lb` (swap MACs, send back) with one AF_XDP lport per veth queue in SKB mode and one "
        "worker thread per lport, each pinned to its own CPU; one `veth-gen` per queue, each pinned. "
        "Native mode is not possible on veth with CNDP's semantics (native = zero-copy, which veth refuses). "
        "How SKB mode reaches more than queue 0 on veth (measured on this kernel, not assumed): veth records "
        "the sender's transmit queue k as the receive queue of the other end, and generic XDP reads it as "
        "rx queue k - 1 (tx queues 0 and 1 both land on rx queue 0, tx queue 2 on rx queue 1, ...). "
        "A sender on CPU c with the qdisc bypassed picks tx queue c mod N, so without steering every frame "
        "lands on rx queue 0; the veth pair therefore gets N + 1 queues and XPS (`xps_cpus`) on the "
        "generator's end maps the generator on CPU gen[q] to tx queue q + 1, which is echo queue q. "
        "On a NIC with zero-copy, use native mode (`\"skb_mode\": false`) and the NIC's RSS instead. "
        "Run it on a bigger machine with `make bench CORES=0-7` (or BENCH_SECTIONS=scaling for this section "
        "alone).")
    say()
    if os.geteuid() != 0:
        say("Skipped: needs root.")
        say()
        return
    if half < 1:
        say("Skipped: needs two CPUs in CORES.")
        say()
        return
    say(("What two CPUs can and cannot show: with one CPU for the generator (which also does the echo side's "
        "receive work, since veth delivers in the sender's context) and one for the echo, only N = 1 can be "
        "measured; a second queue would put two workers, or a worker and a generator, on one CPU, which measures "
        "the scheduler, not the port. The N = 1 row checks the method; the scaling figure needs 2N CPUs.")
        if half < 2 else ("Each row's rate divided by N = 1's rate is the scaling factor; CPU per packet should "
                          "stay flat while the rate grows."))
    say()
    work = tempfile.mkdtemp(prefix="cne-scale-")
    rows = []
    try:
        for n in range(1, half + 1):
            with Rig(f"cns{os.getpid()}{n}", queues=n + 1) as r:
                steer(r, gen_cpus[:n])
                cfg = fwd_config(os.path.join(work, f"fwd{n}.jsonc"), r.if_e, echo_cpus[:n])
                p = r.start_echo([os.path.join(SWIFT_BIN, "cne-fwd"), "--config", cfg, "--mode", "lb", "--quiet"],
                                 os.path.join(work, "fwd.log"), ",".join(map(str, echo_cpus[:n])))
                runs = [measure(p, r, gen_cpus[:n], SECONDS) for _ in range(max(1, VETH_RUNS // 2))]
                stop(p)
                # How the frames spread over the queues: cne-fwd's summary, one "total" row per lport.
                spread = re.findall(r"^\s*total\s+\S+:(\d+)\s+(\d+)", open(os.path.join(work, "fwd.log")).read(), re.M)
                share = " / ".join(f"{int(rx) / max(1, sum(int(x) for _, x in spread)) * 100:.0f}%" for _, rx in spread)
                rows.append((n, runs, share or "not reported"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    say("| queues (echo CPUs) | offered Mpps | echoed kpps | echo CPU ns/packet | rate / 1 queue | received per queue |")
    say("|---|---|---|---|---|---|")
    base = statistics.median([x[1] for x in rows[0][1]])
    for n, runs, share in rows:
        say(f"| {n} | {fmt([x[0] / 1e6 for x in runs], 2)} | {fmt([x[1] / 1e3 for x in runs], 0)} | "
            f"{fmt([x[2] for x in runs], 0)} | {statistics.median([x[1] for x in runs]) / base:.2f} | {share} |")
    say()


# ---------------------------------------------------------------- generator
def generator_section():
    script = os.path.join(ROOT, "Benchmarks", "generator", "bench-bindgen.sh")
    say("## 4. Generator time (cne-bindgen)")
    say()
    if not os.path.exists(script):
        say("`Benchmarks/generator/bench-bindgen.sh` does not exist yet: not measured.")
        say()
        return
    r = subprocess.run(["bash", script], capture_output=True, text=True, timeout=1800, cwd=ROOT)
    if r.returncode != 0:
        say(f"**Not measured: `Benchmarks/generator/bench-bindgen.sh` failed (exit {r.returncode}).** The rest "
            "of this report stands; `make bench-generator` shows the failure alone. Its last lines:")
        say()
        say("```")
        for line in (r.stdout + r.stderr).strip().splitlines()[-15:]:
            say(line)
        say("```")
        say()
        return False
    say(f"Output of `Benchmarks/generator/bench-bindgen.sh` (exit {r.returncode}):")
    say()
    say("```")
    for line in (r.stdout + r.stderr).strip().splitlines():
        say(line)
    say("```")
    say()


def main():
    say("# swift-cndp performance report")
    say()
    say("Written by `make bench` (`Benchmarks/bench.py`); do not edit by hand.")
    say()
    machine()
    say()
    if "null" in SECTIONS:
        _, ir = null_section()
        profile_section(ir)
    if "veth" in SECTIONS:
        veth_section()
    if "scaling" in SECTIONS:
        scaling_section()
    if "generator" in SECTIONS:
        generator_section()
    say(f"Load average at the end: {' '.join(open('/proc/loadavg').read().split()[:3])}.")
    with open(REPORT, "w") as f:
        f.write("\n".join(out) + "\n")
    print(f"bench: report written to {REPORT}")


if __name__ == "__main__":
    main()
