#!/usr/bin/env python3
"""swift-cndp: the traffic peer for the demo and the example tests (AF_PACKET, needs root).

Subcommands (each bounded in packets and time):
  echo IFACE     send --count frames, expect each back with its MAC addresses swapped, byte-exact
  txcheck IFACE  receive --count Ethernet/IPv4/UDP frames (cne-fwd tx-only) and verify the IPv4
                 header checksum, the UDP checksum, the lengths and the payload
  fwd SEND RECV  send --count frames to --dst-mac on SEND and expect them, unchanged, on RECV
                 (and never back on SEND)
  report IFACE   for programs that read a result: --mode echo sends --count frames of the
                 --sizes lengths to --dst and expects each back with its MACs swapped and every
                 other byte unchanged; --mode listen only receives for --timeout seconds and
                 counts frames of --ethertype (with --udp, also valid IPv4/UDP checksums).
                 Prints one JSON object (sent, received, exact, duplicates, mismatched, udp_ok).
                 The Swift tests use it (Tests/CNETests/Support/NetworkNamespace.swift).
Frames of echo and fwd carry EtherType 0x88B5 (local experimental), a magic, a run id and a
sequence number, so stray traffic is ignored. Exit status 0 when every check passed.
"""
import argparse
import os
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
ETHERTYPE = 0x88B5
MAGIC = b"CNEX"


def mac_bytes(text):
    return bytes(int(part, 16) for part in text.split(":"))


def mac_text(raw):
    return ":".join(f"{b:02x}" for b in raw)


def iface_mac(iface):
    with open(f"/sys/class/net/{iface}/address") as f:
        return mac_bytes(f.read().strip())


def open_socket(iface):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    s.setsockopt(socket.SOL_SOCKET, 33, 8 << 20)  # SO_RCVBUFFORCE: room for a whole run
    s.bind((iface, 0))
    s.setblocking(False)
    return s


def make_frame(dst, src, run_id, seq, size):
    head = dst + src + struct.pack("!H", ETHERTYPE) + MAGIC + struct.pack("!II", run_id, seq)
    fill = bytes((seq + i) & 0xFF for i in range(max(0, size - len(head))))
    return head + fill


def parse_tag(frame, run_id):
    """The sequence number of one of our frames, or None."""
    if len(frame) < 26 or frame[12:14] != struct.pack("!H", ETHERTYPE) or frame[14:18] != MAGIC:
        return None
    rid, seq = struct.unpack("!II", frame[18:26])
    return seq if rid == run_id else None


def receive(sock, deadline):
    """Frames that arrived on sock (not the ones it sent), until nothing is waiting."""
    out = []
    wait = max(0.0, deadline - time.monotonic())
    ready, _, _ = select.select([sock], [], [], min(wait, 0.05))
    if not ready:
        return out
    while True:
        try:
            data, addr = sock.recvfrom(65535)
        except BlockingIOError:
            return out
        if addr[2] != PACKET_OUTGOING:
            out.append(data)


def cmd_echo(args):
    sock = open_socket(args.iface)
    src = iface_mac(args.iface)
    dst = mac_bytes(args.dst_mac)
    run_id = os.getpid()
    sent, good, bad, dup = 0, 0, 0, 0
    seen = set()
    start = time.monotonic()
    deadline = start + args.timeout
    last_echo = start
    while time.monotonic() < deadline and good + bad < args.count:
        while sent < args.count and sent - (good + bad) < args.window:
            sock.send(make_frame(dst, src, run_id, sent, args.size))
            sent += 1
        for frame in receive(sock, deadline):
            seq = parse_tag(frame, run_id)
            if seq is None:
                continue
            # The echo swapped the MACs: destination is us, source is who we sent to.
            expected = make_frame(src, dst, run_id, seq, args.size)
            if seq in seen:
                dup += 1
            elif frame[: len(expected)] == expected and all(b == 0 for b in frame[len(expected):]):
                good += 1
                seen.add(seq)
                last_echo = time.monotonic()
            else:
                bad += 1
        if sent == args.count and time.monotonic() - last_echo > 1.0 and good + bad < args.count:
            break  # nothing more is coming
    elapsed = max(last_echo - start, 1e-9)
    print(f"peer: sent {sent} frames of {args.size} bytes from {mac_text(src)} to {mac_text(dst)}")
    print(f"peer: echoed {good + bad} ({good} byte-exact, {bad} wrong, {dup} duplicates) "
          f"in {elapsed:.3f}s: {good / elapsed:.0f} frames/s")
    ok = good == args.count and bad == 0 and dup == 0
    print("peer: PASS" if ok else "peer: FAIL")
    return 0 if ok else 1


def ones_sum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def check_udp(frame):
    """None when frame is a valid tx-only frame, else what is wrong."""
    if len(frame) < 46 or frame[12:14] != b"\x08\x00":
        return "not IPv4"
    ip = frame[14:34]
    if ip[0] != 0x45 or ip[9] != 17:
        return "not IPv4/UDP without options"
    if ones_sum(ip) != 0xFFFF:
        return "bad IPv4 header checksum"
    ip_len = struct.unpack("!H", ip[2:4])[0]
    udp_len = struct.unpack("!H", frame[38:40])[0]
    if ip_len != udp_len + 20 or 14 + ip_len > len(frame):
        return f"bad lengths (IPv4 {ip_len}, UDP {udp_len}, frame {len(frame)})"
    udp = frame[34:34 + udp_len]
    pseudo = ip[12:20] + struct.pack("!BBH", 0, 17, udp_len)
    if struct.unpack("!H", udp[6:8])[0] == 0 or ones_sum(pseudo + udp) != 0xFFFF:
        return "bad UDP checksum"
    payload = udp[8:]
    if any(payload[i] != (i & 0xFF) for i in range(4, len(payload))):
        return "bad payload pattern"
    return None


def cmd_txcheck(args):
    sock = open_socket(args.iface)
    print("peer: listening", flush=True)
    good, bad, reasons = 0, 0, {}
    seqs = set()
    start = time.monotonic()
    deadline = start + args.timeout
    while time.monotonic() < deadline and good < args.count:
        for frame in receive(sock, deadline):
            if frame[12:14] != b"\x08\x00":
                continue  # not IPv4: not ours
            problem = check_udp(frame)
            if problem:
                bad += 1
                reasons[problem] = reasons.get(problem, 0) + 1
            else:
                good += 1
                seqs.add(struct.unpack("!I", frame[42:46])[0])
    print(f"peer: received {good + bad} IPv4 frames: {good} valid (IPv4 and UDP checksums verified), "
          f"{bad} invalid {reasons if reasons else ''}; {len(seqs)} distinct sequence numbers")
    ok = good >= args.count and bad == 0
    print("peer: PASS" if ok else "peer: FAIL")
    return 0 if ok else 1


def cmd_fwd(args):
    tx = open_socket(args.send)
    rx = open_socket(args.recv)
    src = iface_mac(args.send)
    dst = mac_bytes(args.dst_mac)
    run_id = os.getpid()
    frames = [make_frame(dst, src, run_id, seq, args.size) for seq in range(args.count)]
    for frame in frames:
        tx.send(frame)
    got, wrong, back = set(), 0, 0
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline and len(got) < args.count:
        for frame in receive(rx, deadline):
            seq = parse_tag(frame, run_id)
            if seq is None:
                continue
            if frame[: len(frames[seq])] == frames[seq]:
                got.add(seq)
            else:
                wrong += 1
        for frame in receive(tx, time.monotonic()):
            if parse_tag(frame, run_id) is not None:
                back += 1
    # A last look for frames that went the wrong way.
    for frame in receive(tx, time.monotonic() + 0.2):
        if parse_tag(frame, run_id) is not None:
            back += 1
    print(f"peer: sent {args.count} frames to {args.dst_mac} on {args.send}; {len(got)} arrived unchanged on "
          f"{args.recv}, {wrong} changed, {back} came back on {args.send}")
    ok = len(got) == args.count and wrong == 0 and back == 0
    print("peer: PASS" if ok else "peer: FAIL")
    return 0 if ok else 1


def report_frame(dst, src, ethertype, seq, length):
    """A report-mode frame: the 32-bit sequence number right after the EtherType."""
    body = struct.pack("!I", seq) + bytes((seq + i) & 0xFF for i in range(length - 18))
    return dst + src + struct.pack("!H", ethertype) + body


def udp_valid(pkt):
    """True when pkt is Ethernet/IPv4/UDP with valid IPv4 and UDP checksums (0: no UDP checksum)."""
    if len(pkt) < 42 or pkt[12:14] != b"\x08\x00":
        return False
    ip = pkt[14:]
    ihl = (ip[0] & 0x0F) * 4
    if ip[0] >> 4 != 4 or ihl < 20 or ones_sum(ip[:ihl]) != 0xFFFF or ip[9] != 17:
        return False
    total_len = struct.unpack("!H", ip[2:4])[0]
    udp = ip[ihl:total_len]
    if len(udp) < 8 or struct.unpack("!H", udp[4:6])[0] != len(udp):
        return False
    if struct.unpack("!H", udp[6:8])[0] == 0:
        return True
    pseudo = ip[12:20] + struct.pack("!BBH", 0, 17, len(udp))
    return ones_sum(pseudo + udp) == 0xFFFF


def cmd_report(args):
    import json
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    sock.bind((args.iface, 0))
    me = iface_mac(args.iface)
    sizes = [int(x) for x in args.sizes.split(",")]
    sent = {}
    result = {"sent": 0, "received": 0, "exact": 0, "duplicates": 0, "mismatched": [], "udp_ok": 0}
    if args.mode == "echo":
        dst = mac_bytes(args.dst)
        for seq in range(args.count):
            f = report_frame(dst, me, args.ethertype, seq, sizes[seq % len(sizes)])
            sent[seq] = f
            while True:
                try:
                    sock.send(f)
                    break
                except BlockingIOError:
                    time.sleep(0.001)
            if seq % 32 == 31:
                time.sleep(0.0005)  # let the echo keep up: veth has no flow control
        result["sent"] = len(sent)
    seen = set()
    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        if args.mode == "echo" and len(seen) == len(sent):
            break
        ready, _, _ = select.select([sock], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            continue
        pkt, addr = sock.recvfrom(65536)
        if addr[2] == PACKET_OUTGOING:
            continue
        if args.mode == "listen":
            if args.udp and udp_valid(pkt):
                result["udp_ok"] += 1
            if struct.unpack("!H", pkt[12:14])[0] == args.ethertype:
                result["received"] += 1
            continue
        if len(pkt) < 18 or struct.unpack("!H", pkt[12:14])[0] != args.ethertype:
            continue
        result["received"] += 1
        seq = struct.unpack("!I", pkt[14:18])[0]
        original = sent.get(seq)
        if original is None:
            result["mismatched"].append(seq)
            continue
        if seq in seen:
            result["duplicates"] += 1
            continue
        seen.add(seq)
        expected = original[6:12] + original[0:6] + original[12:]
        if pkt == expected:
            result["exact"] += 1
        else:
            result["mismatched"].append(seq)
    result["mismatched"] = result["mismatched"][:20]
    json.dump(result, sys.stdout)
    print()
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("echo")
    p.add_argument("iface")
    p.add_argument("--dst-mac", required=True)
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--window", type=int, default=64)
    p.add_argument("--timeout", type=float, default=10)
    p = sub.add_parser("txcheck")
    p.add_argument("iface")
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--timeout", type=float, default=10)
    p = sub.add_parser("fwd")
    p.add_argument("send")
    p.add_argument("recv")
    p.add_argument("--dst-mac", required=True)
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--timeout", type=float, default=10)
    p = sub.add_parser("report")
    p.add_argument("iface")
    p.add_argument("--mode", choices=["echo", "listen"], default="echo")
    p.add_argument("--dst", help="destination MAC (echo mode)")
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--sizes", default="60,64,128,512,1000,1514")
    p.add_argument("--ethertype", type=lambda v: int(v, 0), default=0x88B5)
    p.add_argument("--timeout", type=float, default=3.0)
    p.add_argument("--udp", action="store_true", help="listen: check IPv4/UDP checksums")
    args = parser.parse_args()
    return {"echo": cmd_echo, "txcheck": cmd_txcheck, "fwd": cmd_fwd, "report": cmd_report}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
