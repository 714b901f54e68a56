#!/usr/bin/env python3
"""Test peer for swift-cndp: sends numbered Ethernet frames on an interface and checks what
comes back.

Runs inside the network namespace a test made (`ip netns exec NS python3 peer.py ...`).
Every loop is bounded by --count and --timeout. Prints one JSON object on stdout.

Modes:
  echo   send --count frames to --dst, expect each back with the MAC addresses swapped and
         every other byte unchanged (an echo / loopback network function).
  listen only receive for --timeout seconds and report frames of --ethertype (and, with
         --udp, check IPv4 header and UDP checksums).
"""
import argparse
import json
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4


def mac_bytes(text):
    return bytes(int(part, 16) for part in text.split(":"))


def own_mac(iface):
    with open(f"/sys/class/net/{iface}/address") as f:
        return mac_bytes(f.read().strip())


def frame(dst, src, ethertype, seq, length):
    header = dst + src + struct.pack("!H", ethertype)
    body = struct.pack("!I", seq) + bytes((seq + i) & 0xFF for i in range(length - 18))
    return header + body


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def udp_ok(pkt):
    """True when pkt is Ethernet/IPv4/UDP with valid IPv4 and UDP checksums."""
    if len(pkt) < 42 or pkt[12:14] != b"\x08\x00":
        return False
    ip = pkt[14:]
    ihl = (ip[0] & 0x0F) * 4
    if ip[0] >> 4 != 4 or ihl < 20 or checksum(ip[:ihl]) != 0xFFFF or ip[9] != 17:
        return False
    total_len = struct.unpack("!H", ip[2:4])[0]
    udp = ip[ihl:total_len]
    if len(udp) < 8 or struct.unpack("!H", udp[4:6])[0] != len(udp):
        return False
    if struct.unpack("!H", udp[6:8])[0] == 0:
        return True  # no UDP checksum is allowed over IPv4
    pseudo = ip[12:20] + struct.pack("!BBH", 0, 17, len(udp))
    return checksum(pseudo + udp) == 0xFFFF


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("iface")
    ap.add_argument("--mode", choices=["echo", "listen"], default="echo")
    ap.add_argument("--dst", help="destination MAC (echo mode)")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--sizes", default="60,64,128,512,1000,1514")
    ap.add_argument("--ethertype", type=lambda s: int(s, 0), default=0x88B5)
    ap.add_argument("--timeout", type=float, default=3.0)
    ap.add_argument("--udp", action="store_true", help="listen: check IPv4/UDP checksums")
    args = ap.parse_args()

    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    sock.bind((args.iface, 0))
    me = own_mac(args.iface)
    sizes = [int(s) for s in args.sizes.split(",")]
    sent = {}
    result = {"sent": 0, "received": 0, "exact": 0, "duplicates": 0, "mismatched": [], "udp_ok": 0}

    if args.mode == "echo":
        dst = mac_bytes(args.dst)
        for seq in range(args.count):
            f = frame(dst, me, args.ethertype, seq, sizes[seq % len(sizes)])
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
            if args.udp and udp_ok(pkt):
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


if __name__ == "__main__":
    main()
