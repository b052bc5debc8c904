#!/usr/bin/env python3
"""Writes the byte sequences the HostileServer tests send (malformed and lying server messages) as
seeds for the backend-messages fuzz target.

usage: hostile-seeds.py OUTPUT_DIR
"""
import os
import struct
import sys

output = sys.argv[1]


def message(kind, body=b""):
    return kind + struct.pack(">i", len(body) + 4) + body


def cstring(text):
    return text.encode() + b"\x00"


def column(name, oid=25, fmt=0):
    return cstring(name) + struct.pack(">IhIhih", 0, 0, oid, -1, -1, fmt)


def row(*values):
    body = struct.pack(">h", len(values))
    for value in values:
        body += struct.pack(">i", -1) if value is None else struct.pack(">i", len(value)) + value
    return message(b"D", body)


ok = message(b"R", struct.pack(">i", 0))
ready = message(b"Z", b"I")
startup = ok + message(b"S", cstring("server_version") + cstring("15.0")) + message(b"K", struct.pack(">ii", 1, 2)) + ready
description = message(b"T", struct.pack(">h", 1) + column("a"))
seeds = {
    "negative-length": b"Z" + struct.pack(">i", -5) + b"I",
    "length-below-four": b"Z" + struct.pack(">i", 3),
    "length-too-large-short-type": b"Z" + struct.pack(">i", 1 << 30),
    "announced-1GiB-datarow": description + b"D" + struct.pack(">i", (1 << 30) + 4) + b"\x00\x01" + b"x" * 64,
    "more-columns-than-described": startup + description + row(b"1", b"2") + message(b"C", cstring("SELECT 1")) + ready,
    "fewer-columns-than-described": startup + description + message(b"D", struct.pack(">h", 0)) + ready,
    "column-length-past-end": startup + description + message(b"D", struct.pack(">hi", 1, 1000) + b"abc") + ready,
    "column-length-negative": startup + description + message(b"D", struct.pack(">hi", 1, -7)) + ready,
    "datarow-without-description": startup + row(b"1") + ready,
    "unknown-type": startup + message(b"\x07", b"junk") + ready,
    "sasl-unsupported-mechanism": message(b"R", struct.pack(">i", 10) + cstring("SCRAM-SHA-1") + b"\x00"),
    "sasl-no-terminator": message(b"R", struct.pack(">i", 10) + b"SCRAM-SHA-256"),
    "sasl-continue-iterations-zero": message(b"R", struct.pack(">i", 11) + b"r=abc,s=c2FsdA==,i=0"),
    "sasl-continue-iterations-huge": message(b"R", struct.pack(">i", 11) + b"r=abc,s=c2FsdA==,i=1000000000"),
    "sasl-final-wrong-signature": message(b"R", struct.pack(">i", 12) + b"v=" + b"A" * 43 + b"="),
    "auth-unknown-code": message(b"R", struct.pack(">i", 99)),
    "md5-short-salt": message(b"R", struct.pack(">i", 5) + b"\x01\x02"),
    "error-without-terminator": message(b"E", b"SFATAL\x00C28000\x00Mno"),
    "row-description-lies-about-count": message(b"T", struct.pack(">h", 30000) + column("a")),
    "copy-data-outside-copy": startup + message(b"d", b"1\tx\n") + ready,
    "copy-done-twice": startup + message(b"H", struct.pack(">bh", 0, 1) + struct.pack(">h", 0)) + message(b"d", b"1\n") + message(b"c") + message(b"c") + ready,
    "ready-before-auth": ready,
    "negotiate-protocol-negative": message(b"v", struct.pack(">ii", -1, 0)),
    "backend-key-short": message(b"K", struct.pack(">i", 1)),
    "parameter-status-no-nul": message(b"S", b"server_version"),
}
for name, data in seeds.items():
    with open(os.path.join(output, "hostile-" + name), "wb") as out:
        out.write(data)
