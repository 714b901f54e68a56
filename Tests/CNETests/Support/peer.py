#!/usr/bin/env python3
"""Kept for callers of the old test peer: the project's one peer is scripts/peer.py, whose
`report` subcommand takes this script's arguments and prints the same JSON object. Remove once
nothing calls this path (NetworkNamespace.swift calls scripts/peer.py directly)."""
import os
import sys

script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "scripts", "peer.py")
os.execv(sys.executable, [sys.executable, script, "report"] + sys.argv[1:])
