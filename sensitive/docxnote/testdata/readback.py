#!/usr/bin/env python3
"""Reads an annotated .docx back with python-docx and lxml, as a reader
other than Shenfa would, and checks it against what the Go test expects.

usage: readback.py ORIGINAL.docx ANNOTATED.docx EXPECT.json

EXPECT.json: {"changed": [entry names allowed to differ], "comments":
{"<id>": {"text": commented body text, "note": the comment's first line}}}.
Prints "ok" and exits 0, or prints every problem and exits 1.
"""
import json
import sys
import zipfile

import docx  # python3-docx: the file must open in it
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def walk(el, open_ids, texts):
    """Collects, for every open comment range, the body text it covers, the
    way the importer writes it: paragraphs end with a line break."""
    tag = el.tag
    if tag in (W + "del", W + "txbxContent", W + "pPr", W + "rPr") or str(tag).endswith("}Fallback"):
        return
    if tag == W + "commentRangeStart":
        open_ids.add(el.get(W + "id"))
        texts.setdefault(el.get(W + "id"), "")
    elif tag == W + "commentRangeEnd":
        open_ids.discard(el.get(W + "id"))
    add = {W + "t": el.text or "", W + "tab": "\t", W + "br": "\n", W + "noBreakHyphen": "-"}.get(tag, "")
    if tag == W + "sym":
        add = chr(int(el.get(W + "char"), 16))
    for i in open_ids:
        texts[i] += add
    for child in el:
        walk(child, open_ids, texts)
    if tag == W + "p":
        for i in open_ids:
            texts[i] += "\n"


def comments_of(z):
    out = {}
    for name in z.namelist():
        if name.startswith("word/comments") and name.endswith(".xml"):
            for c in etree.fromstring(z.read(name)).iter(W + "comment"):
                out[c.get(W + "id")] = c
    return out


def main():
    orig, annotated, expect_file = sys.argv[1:4]
    with open(expect_file, encoding="utf-8") as f:
        expect = json.load(f)
    d = docx.Document(annotated)
    if not d.paragraphs and not d.tables:
        problems.append("python-docx sees no paragraphs")
    zo, za = zipfile.ZipFile(orig), zipfile.ZipFile(annotated)
    before, after = zo.infolist(), za.infolist()
    if [i.filename for i in after[: len(before)]] != [i.filename for i in before]:
        problems.append("entries renamed or reordered")
    for i in before:
        if i.filename in expect["changed"]:
            continue
        j = za.getinfo(i.filename)
        if zo.read(i) != za.read(j) or i.compress_type != j.compress_type:
            problems.append("entry changed: " + i.filename)
    for j in after[len(before):]:
        if j.filename not in expect["changed"]:
            problems.append("unexpected new entry: " + j.filename)
    old, new = comments_of(zo), comments_of(za)
    for i, c in old.items():
        if i not in new or etree.tostring(new[i]) != etree.tostring(c):
            problems.append("existing comment %s changed or lost" % i)
    texts = {}
    body = etree.fromstring(za.read("word/document.xml")).find(W + "body")
    walk(body, set(), texts)
    for i, want in expect["comments"].items():
        c = new.get(i)
        if c is None:
            problems.append("no comment %s" % i)
            continue
        if c.get(W + "author") != "审发 Shenfa" or not c.get(W + "date", "").endswith("Z"):
            problems.append("comment %s: author %r, date %r" % (i, c.get(W + "author"), c.get(W + "date")))
        first = "".join(c.find(W + "p").itertext())
        if first != want["note"]:
            problems.append("comment %s begins %r, want %r" % (i, first, want["note"]))
        if texts.get(i, "") != want["text"]:
            problems.append("comment %s covers %r, want %r" % (i, texts.get(i, ""), want["text"]))
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("ok: %d comments, %d paragraphs" % (len(expect["comments"]), len(d.paragraphs)))


main()
