#!/usr/bin/env python3
"""Seeds the fuzz corpus with the kernel-captured frames of the CNEProtocols tests and a few
address texts: python3 Fuzz/seed-corpus.py CapturedFrames.swift CORPUS_DIR"""
import pathlib
import re
import sys

source, corpus = sys.argv[1], pathlib.Path(sys.argv[2])
corpus.mkdir(parents=True, exist_ok=True)
for name, digits in re.findall(r'static let (\w+) = hex\("([0-9a-f]+)"\)', open(source).read()):
    (corpus / f"frame-{name}").write_bytes(bytes.fromhex(digits))
for i, text in enumerate(["2001:db8::1", "::ffff:192.0.2.1", "fe80::1:2:3:4", "192.0.2.1", "02:00:5e:10:20:ff"]):
    (corpus / f"text-{i}").write_bytes(text.encode())
