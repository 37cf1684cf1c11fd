#!/usr/bin/env python3
"""Validate the dev2 blind set (stdlib only: tomllib, Python 3.11+).

Checks
  * schema: unique ids, id prefix matches file, category names, clean cases have no expect
  * every expect.text occurs in text (as the labelled occurrence); spans in one case do not overlap;
    a repeated span without `occurrence` is reported
  * privacy spans: GB 11643 checksum + birth date for IDs, Luhn for bank cards, mobile number shape
  * datetime: every "…月…日（星期X/周X）" in every text is checked against the calendar
    (year = nearest preceding "YYYY年", default 2026); impossible dates and weekday mismatches
    must lie inside a datetime span, and no date outside one may be wrong
  * sanity scans (must be covered by a span of the right category):
    unpaired brackets/quotes, doubled marks, half-width marks next to Chinese,
    placeholder patterns, unlabelled IDs / card numbers / mobile numbers
Prints counts per category, per file and per genre.
"""
import collections
import datetime
import pathlib
import re
import sys
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
CATS = {"sensitive", "secret", "privacy", "political", "typo", "ad", "tone",
        "punctuation", "datetime", "placeholder", "link"}
FILES = ["tone", "typo", "ad", "sensitive", "political", "punctuation", "placeholder",
         "secret", "datetime", "privacy", "link", "clean"]
WD = "一二三四五六日"
errors, warnings = [], []


def err(cid, msg):
    errors.append(f"{cid}: {msg}")


def find_nth(text, sub, n):
    pos, start = -1, 0
    for _ in range(n):
        pos = text.find(sub, start)
        if pos < 0:
            return -1
        start = pos + len(sub)
    return pos


def count_nonoverlap(text, sub):
    c, start = 0, 0
    while True:
        p = text.find(sub, start)
        if p < 0:
            return c
        c += 1
        start = p + len(sub)


def id_ok(s):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    if not re.fullmatch(r"\d{17}[\dX]", s):
        return False
    if "10X98765432"[sum(int(a) * b for a, b in zip(s[:17], w)) % 11] != s[17]:
        return False
    try:
        datetime.date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        return False
    return True


def luhn_ok(s):
    t = 0
    for i, c in enumerate(reversed(s)):
        n = int(c)
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        t += n
    return t % 10 == 0


def covered(spans, a, b, cat=None):
    return any(sa <= a and b <= sb and (cat is None or c == cat) for sa, sb, c in spans)


def year_before(text, pos):
    ys = [m for m in re.finditer(r"(\d{4})年", text[:pos])]
    return int(ys[-1].group(1)) if ys else 2026


DATE_WD = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日[（(](?:星期|周)([一二三四五六日天])[）)]")
WD_DATE = re.compile(r"周([一二三四五六日天])[（(](\d{1,2})月(\d{1,2})日[）)]")
DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
CJK = r"[\u4e00-\u9fff]"
PAIRS = [("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"), ("【", "】"), ("〈", "〉"), ("〔", "〕")]
DOUBLED = re.compile(r"[！？。，、；：]{2,}|[》”]{2,}|。\.")
HALF = re.compile(rf"(?<={CJK})[,!?;:>]|[,!?;:](?={CJK})")
PLACEHOLDER = re.compile(r"X{2,}|X月X日|×{2,}|某某|\{\{[^}]*\}\}|TODO|待补充|待定|待核实|_{3,}|\[[^\]]*(?:标题|图片)[^\]]*\]|【[^】]*(?:插入|配图|待定|删除|姓名)[^】]*】|占位")


def check_case(fname, case, counts, genres, cleancount):
    cid = case.get("id", "?")
    text = case.get("text", "")
    for k in ("id", "genre", "text"):
        if k not in case:
            err(cid, f"missing {k}")
    if not re.fullmatch(rf"dev2-{fname}-\d{{3}}", cid):
        err(cid, f"id does not match file {fname}")
    exps = case.get("expect", [])
    genres[case.get("genre", "?")] += 1
    if fname == "clean":
        if exps:
            err(cid, "clean case has expect")
        if not case.get("note"):
            err(cid, "clean case without note")
        cleancount[0] += 1
    elif not exps:
        err(cid, "non-clean case without expect")
    spans = []
    cats_here = set()
    for e in exps:
        cat, sub = e.get("category"), e.get("text", "")
        if cat not in CATS:
            err(cid, f"bad category {cat}")
        if not e.get("note"):
            warnings.append(f"{cid}: expect without note")
        cats_here.add(cat)
        occ = e.get("occurrence")
        n = occ or 1
        if not sub:
            err(cid, "empty expect.text")
            continue
        total = count_nonoverlap(text, sub)
        if total == 0:
            err(cid, f"span not found: {sub!r}")
            continue
        if occ is None and total > 1:
            err(cid, f"span {sub!r} occurs {total} times but no occurrence given")
        p = find_nth(text, sub, n)
        if p < 0:
            err(cid, f"occurrence {n} of {sub!r} not found (only {total})")
            continue
        spans.append((p, p + len(sub), cat))
        counts[cat] += 1
        if cat == "privacy":
            if re.fullmatch(r"\d{17}[\dX]", sub):
                if not id_ok(sub):
                    err(cid, f"invalid ID checksum/date {sub}")
            elif re.fullmatch(r"\d{16,19}", sub):
                if not luhn_ok(sub):
                    err(cid, f"card fails Luhn {sub}")
            elif re.fullmatch(r"1[3-9]\d{9}", sub):
                pass
            else:
                warnings.append(f"{cid}: privacy span of unknown shape {sub}")
    if fname != "clean" and fname not in cats_here:
        err(cid, f"case in {fname}.toml has no {fname} expect")
    # overlap
    ss = sorted(spans)
    for (a1, b1, c1), (a2, b2, c2) in zip(ss, ss[1:]):
        if a2 < b1:
            err(cid, f"overlapping spans {text[a1:b1]!r} / {text[a2:b2]!r}")

    # ---- datetime scans
    for m in DATE_WD.finditer(text):
        y = int(m.group(1)) if m.group(1) else year_before(text, m.start())
        mo, d, w = int(m.group(2)), int(m.group(3)), m.group(4)
        w = "日" if w == "天" else w
        try:
            real = WD[datetime.date(y, mo, d).weekday()]
        except ValueError:
            real = None
        bad = real != w
        inside = covered(spans, m.start(), m.end(), "datetime")
        if bad and not inside:
            err(cid, f"unlabelled wrong weekday {m.group(0)} (real {real}, year {y})")
        if not bad and inside:
            err(cid, f"datetime-labelled {m.group(0)} is actually correct")
    for m in WD_DATE.finditer(text):
        y = year_before(text, m.start())
        w = "日" if m.group(1) == "天" else m.group(1)
        real = WD[datetime.date(y, int(m.group(2)), int(m.group(3))).weekday()]
        if real != w and not covered(spans, m.start(), m.end(), "datetime"):
            err(cid, f"unlabelled wrong weekday {m.group(0)} (real {real})")
    for m in DATE.finditer(text):
        y = int(m.group(1)) if m.group(1) else year_before(text, m.start())
        try:
            datetime.date(y, int(m.group(2)), int(m.group(3)))
        except ValueError:
            if not covered(spans, m.start(), m.end(), "datetime"):
                err(cid, f"unlabelled impossible date {m.group(0)}")

    # ---- punctuation scans
    link_spans = [(a, b, c) for a, b, c in spans if c == "link"]
    for o, c in PAIRS:
        no, nc = text.count(o), text.count(c)
        if no != nc:
            # any punctuation label in the case is accepted as explaining the imbalance
            # (e.g. "《…>" is labelled on the wrong closing mark)
            ok = any(cat == "punctuation" for a, b, cat in spans)
            if not ok:
                err(cid, f"unbalanced {o}{c} ({no}/{nc}) without punctuation label")
    for m in DOUBLED.finditer(text):
        if m.group(0) in ("……",):
            continue
        if not covered(spans, m.start(), m.end(), "punctuation"):
            err(cid, f"unlabelled doubled marks {m.group(0)!r}")
    for m in HALF.finditer(text):
        if covered(link_spans, m.start(), m.end()):
            continue
        if not covered(spans, m.start(), m.end(), "punctuation"):
            err(cid, f"unlabelled half-width mark {m.group(0)!r} at {m.start()}")

    # ---- placeholder scan
    for m in PLACEHOLDER.finditer(text):
        if not any(sa <= m.start() and m.end() <= sb or (sa < m.end() and m.start() < sb and c == "placeholder")
                   for sa, sb, c in spans):
            err(cid, f"unlabelled placeholder-like {m.group(0)!r}")

    # ---- privacy scans
    for m in re.finditer(r"(?<![\d*])(\d{17}[\dX]|\d{16,19}|1[3-9]\d{9})(?![\d*])", text):
        if not covered(spans, m.start(), m.end(), "privacy"):
            err(cid, f"unlabelled number that looks like personal data {m.group(0)}")
    return exps


def main():
    counts = collections.Counter()
    genres = collections.Counter()
    per_file = {}
    per_genre_cat = collections.defaultdict(collections.Counter)
    ids = set()
    cleancount = [0]
    for f in FILES:
        p = HERE / f"{f}.toml"
        if not p.exists():
            err(f, "file missing")
            continue
        data = tomllib.loads(p.read_text(encoding="utf-8"))
        cases = data.get("case", [])
        ne = 0
        for c in cases:
            if c.get("id") in ids:
                err(c.get("id"), "duplicate id")
            ids.add(c.get("id"))
            exps = check_case(f, c, counts, genres, cleancount)
            ne += len(exps)
            for e in exps:
                per_genre_cat[c.get("genre")][e.get("category")] += 1
        per_file[f] = (len(cases), ne)

    print("== planted errors per category ==")
    mins = {"tone": 70, "typo": 70, "ad": 30, "sensitive": 30, "political": 30, "punctuation": 25,
            "placeholder": 25, "secret": 15, "datetime": 10, "privacy": 10, "link": 5}
    for k in sorted(CATS, key=lambda k: -counts[k]):
        flag = "" if counts[k] >= mins[k] else f"   << below minimum {mins[k]}"
        print(f"  {k:12s} {counts[k]:4d}{flag}")
        if counts[k] < mins[k]:
            errors.append(f"{k} below minimum")
    print(f"  {'TOTAL':12s} {sum(counts.values()):4d}")
    print(f"  clean drafts {cleancount[0]}")
    print("== per file (cases, expects) ==")
    for f, (n, e) in per_file.items():
        print(f"  {f:12s} {n:4d} {e:4d}")
    print(f"  {'ALL':12s} {sum(n for n, _ in per_file.values()):4d}")
    print("== per genre / layout (cases; expects by category) ==")
    for g, n in genres.most_common():
        cc = ", ".join(f"{k}:{v}" for k, v in per_genre_cat[g].most_common())
        print(f"  {g:16s} {n:4d}  {cc}")
    for w in warnings:
        print("WARN", w)
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
