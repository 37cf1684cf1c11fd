#!/usr/bin/env python3
"""An independent BagIt 1.0 check (RFC 8493) in the standard library only.

Debian 12 has no python3-bagit and PyPI is out of reach, so the tests run
this instead of bagit.py: it recomputes every SHA-256 and SHA-512 of every
manifest and tag manifest with hashlib, checks Payload-Oxum against the
files under data/, and that every payload file is in every payload manifest
and every listed file exists. It shares no code with the Go verifier.

Usage: check_bag.py BAG. Prints "valid" and exits 0, or prints one problem a
line and exits 1.
"""
import hashlib
import os
import re
import sys

KNOWN = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}


def read_lines(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    return [l for l in re.split(r"\r\n|\r|\n", text) if l.strip()]


def unescape(p):
    return p.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def digest(path, alg):
    h = KNOWN[alg]()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def main(bag):
    problems = []
    decl = dict(l.split(": ", 1) for l in read_lines(os.path.join(bag, "bagit.txt")))
    if decl.get("BagIt-Version") != "1.0":
        problems.append("bagit.txt: version %r" % decl.get("BagIt-Version"))
    if decl.get("Tag-File-Character-Encoding", "").upper() != "UTF-8":
        problems.append("bagit.txt: encoding %r" % decl.get("Tag-File-Character-Encoding"))

    payload = {}
    for dirpath, _, names in os.walk(os.path.join(bag, "data")):
        for n in names:
            full = os.path.join(dirpath, n)
            payload[os.path.relpath(full, bag).replace(os.sep, "/")] = os.path.getsize(full)

    manifests = [n for n in os.listdir(bag) if re.fullmatch(r"(tag)?manifest-\w+\.txt", n)]
    payload_algs = []
    for name in sorted(manifests):
        alg = re.fullmatch(r"(?:tag)?manifest-(\w+)\.txt", name).group(1)
        if alg not in KNOWN:
            continue
        is_tag = name.startswith("tag")
        listed = set()
        for line in read_lines(os.path.join(bag, name)):
            want, rel = re.split(r"[ \t]+", line.strip(), maxsplit=1)
            rel = unescape(rel)
            listed.add(rel)
            full = os.path.join(bag, rel)
            if not os.path.isfile(full):
                problems.append("%s: %s is missing" % (name, rel))
            elif digest(full, alg) != want.lower():
                problems.append("%s: %s checksum differs" % (name, rel))
        if not is_tag:
            payload_algs.append(alg)
            for rel in payload:
                if rel not in listed:
                    problems.append("%s: %s is not listed" % (name, rel))
    if not {"sha256", "sha512"} <= set(payload_algs):
        problems.append("no sha256 and sha512 payload manifests")

    info = {}
    for line in read_lines(os.path.join(bag, "bag-info.txt")):
        label, _, value = line.partition(":")
        info.setdefault(label.strip(), value.strip())
    oxum = "%d.%d" % (sum(payload.values()), len(payload))
    if info.get("Payload-Oxum") != oxum:
        problems.append("Payload-Oxum %r, payload is %s" % (info.get("Payload-Oxum"), oxum))

    for p in problems:
        print(p)
    if not problems:
        print("valid")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
