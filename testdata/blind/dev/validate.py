#!/usr/bin/env python3
"""Validate the blind dev set: TOML syntax, span presence/occurrence, lengths,
ids, per-category counts, plus heuristic self-checks (unlabelled weekday
mismatches, unmasked IDs/phones, URLs, unpaired marks)."""
import tomllib, glob, os, re, sys, datetime, collections
D=os.path.dirname(os.path.abspath(__file__))
CATS={"sensitive","secret","privacy","political","typo","ad","tone","punctuation","datetime","placeholder","link"}
FILES=["typo","political","sensitive","tone","ad","placeholder","punctuation","secret","privacy","datetime","link","evasion","clean"]
err=[];warn=[]
def nonoverlap_count(t,s):
    n=k=0
    while True:
        j=t.find(s,k)
        if j<0:return n
        n+=1;k=j+len(s)
def span_pos(t,s,occ):
    n=k=0
    while True:
        j=t.find(s,k)
        if j<0:return None
        n+=1
        if n==occ:return j
        k=j+len(s)
W=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2];CK="10X98765432"
def id_ok(s): return CK[sum(int(a)*b for a,b in zip(s[:17],W))%11]==s[17].upper()
def luhn_ok(s):
    tot=0
    for i,d in enumerate(reversed(s)):
        d=int(d)
        if i%2==1:
            d*=2
            if d>9:d-=9
        tot+=d
    return tot%10==0
WD={"一":0,"二":1,"三":2,"四":3,"五":4,"六":5,"日":6,"天":6}
cat_total=collections.Counter();cat_plain=collections.Counter();evasion=collections.Counter()
genres=collections.Counter();ids=set();ncase=0;nclean=0;nerr_cases=0
for f in FILES:
    p=os.path.join(D,f+".toml")
    if not os.path.exists(p): err.append(f"missing {p}");continue
    with open(p,"rb") as fh: data=tomllib.load(fh)
    for c in data.get("case",[]):
        ncase+=1
        cid=c.get("id");t=c.get("text","");ex=c.get("expect",[])
        if cid in ids: err.append(f"dup id {cid}")
        ids.add(cid)
        if not cid.startswith(f"dev-{f}-"): err.append(f"{cid}: bad prefix")
        genres[c.get("genre")]+=1
        if not 150<=len(t)<=600: err.append(f"{cid}: length {len(t)}")
        if f=="clean":
            nclean+=1
            if ex: err.append(f"{cid}: clean case has expect")
            if not c.get("note"): err.append(f"{cid}: clean case without note")
        else:
            nerr_cases+=1
            if not ex: err.append(f"{cid}: no expect")
            if not 1<=len(ex)<=4: warn.append(f"{cid}: {len(ex)} expects (brief: 1-4)")
        covered=[]
        for e in ex:
            cat=e.get("category");s=e.get("text","");occ=e.get("occurrence",1)
            if cat not in CATS: err.append(f"{cid}: bad category {cat}")
            if not s: err.append(f"{cid}: empty span");continue
            if nonoverlap_count(t,s)<occ: err.append(f"{cid}: span {s!r} occurs <{occ} times")
            pos=span_pos(t,s,occ)
            if pos is not None: covered.append((pos,pos+len(s),cat))
            cat_total[cat]+=1
            if str(e.get("note","")).startswith("evasion:"): evasion[cat]+=1
            else: cat_plain[cat]+=1
        def is_cov(a,b,cats):
            return any(x<b and a<y and (cats is None or k in cats) for x,y,k in covered)
        # --- heuristic self-checks on unlabelled material ---
        years=[(m.start(),int(m.group(1))) for m in re.finditer(r"(\d{4})年",t)]
        for m in re.finditer(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日\s*[（(]?(?:星期|周)([一二三四五六日天])",t):
            y=m.group(1)
            if y: y=int(y)
            else:
                prev=[yy for pp,yy in years if pp<m.start()]
                if not prev: continue
                y=prev[-1]
            try: d=datetime.date(y,int(m.group(2)),int(m.group(3)))
            except ValueError: d=None
            if d is None or d.weekday()!=WD[m.group(4)]:
                if not is_cov(m.start(),m.end(),{"datetime"}):
                    warn.append(f"{cid}: unlabelled weekday/date problem {m.group(0)!r}")
        for m in re.finditer(r"(\d{4})年(\d{1,2})月(\d{1,2})日",t):
            try: datetime.date(int(m.group(1)),int(m.group(2)),int(m.group(3)))
            except ValueError:
                if not is_cov(m.start(),m.end(),{"datetime"}): warn.append(f"{cid}: unlabelled impossible date {m.group(0)}")
        for m in re.finditer(r"(?<!\d)\d{17}[\dXx](?!\d)",t):
            if id_ok(m.group(0)) and not is_cov(m.start(),m.end(),{"privacy"}): warn.append(f"{cid}: unlabelled valid ID {m.group(0)}")
        for e in ex:
            s=e.get("text","")
            if e.get("category")=="privacy" and re.fullmatch(r"\d{17}[\dX]",s) and not id_ok(s):
                warn.append(f"{cid}: labelled ID with bad checksum {s}")
            if e.get("category")=="privacy" and re.fullmatch(r"\d{16}|\d{19}",s) and not luhn_ok(s):
                warn.append(f"{cid}: labelled bank card fails Luhn {s}")
        for m in re.finditer(r"(?<!\d)1[3-9]\d{9}(?!\d)",t):
            if not is_cov(m.start(),m.end(),{"privacy"}): warn.append(f"{cid}: unlabelled mobile {m.group(0)}")
        for m in re.finditer(r"(https?://\S+|www\.[\w.-]+|\b[\w-]+\.(?:com|cn|net|top|vip|org)\b)",t):
            if not is_cov(m.start(),m.end(),{"link","privacy"}): warn.append(f"{cid}: unlabelled link {m.group(0)}")
        if not any(e["category"]=="punctuation" for e in ex):
            for a,b in [("“","”"),("《","》"),("（","）"),("‘","’"),("「","」")]:
                if t.count(a)!=t.count(b): warn.append(f"{cid}: unpaired {a}{b} ({t.count(a)}/{t.count(b)})")
            for m in re.finditer(r"[，。、：；！？]{2,}|(?<=[\u4e00-\u9fff])[,.;](?=[\u4e00-\u9fff]|$|\n)",t):
                warn.append(f"{cid}: suspicious punctuation {m.group(0)!r}")
        if f=="clean":
            for pat in [r"XX|××|【待|\{|［|TODO|此处",r"[\u200b-\u200f\u2060\ufeff\u3000]"]:
                for m in re.finditer(pat,t): warn.append(f"{cid}: clean text contains {m.group(0)!r}")
print(f"cases: {ncase} (error drafts {nerr_cases}, clean drafts {nclean})")
print("genres:",dict(genres))
print("planted errors per category (all / of which evasion):")
for k in sorted(cat_total,key=lambda k:-cat_total[k]):
    print(f"  {k:12s} {cat_total[k]:4d}   evasion {evasion[k]:3d}   plain {cat_plain[k]:3d}")
print(f"  total        {sum(cat_total.values())}   evasion {sum(evasion.values())}")
for w in warn: print("WARN",w)
for e in err: print("ERROR",e)
sys.exit(1 if err else 0)
