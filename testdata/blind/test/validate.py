import tomllib, sys, os, re, collections, datetime
D=os.path.dirname(os.path.abspath(__file__))
FILES=["typo","political","sensitive","tone","ad","placeholder","punctuation","secret","privacy","datetime","link","evasion","clean"]
CATS={"sensitive","secret","privacy","political","typo","ad","tone","punctuation","datetime","placeholder","link"}
GENRES={"通知","公示","政策解读","留言回复","工作报道","会议报道","推介"}
cnt=collections.Counter(); gen=collections.Counter(); ids=set(); ndraft=0; nclean=0; nev=0
problems=0
def occ(text,span):
    n=0;i=0
    while True:
        j=text.find(span,i)
        if j<0: return n
        n+=1;i=j+len(span)
def nth(text,span,k):
    i=0
    for _ in range(k):
        j=text.find(span,i)
        if j<0: return -1
        i=j+len(span)
    return j
for f in FILES:
    p=os.path.join(D,f+".toml")
    if not os.path.exists(p): print("missing",f); continue
    with open(p,"rb") as fh: data=tomllib.load(fh)
    for c in data.get("case",[]):
        ndraft+=1
        cid=c["id"]
        def bad(m):
            global problems; problems+=1; print("!!",cid,m)
        if cid in ids: bad("dup id")
        ids.add(cid)
        if not cid.startswith(f"test-{f}-"): bad("prefix")
        if c.get("genre") not in GENRES: bad("genre "+str(c.get("genre")))
        gen[c.get("genre")]+=1
        t=c["text"]; L=len(re.sub(r"\s","",t))
        if not 150<=L<=600: bad(f"len {L}")
        ex=c.get("expect",[])
        if f=="clean":
            nclean+=1
            if ex: bad("clean has expect")
            if not c.get("note"): bad("clean no note")
        else:
            if not 1<=len(ex)<=4: bad(f"{len(ex)} expects")
        covered=[False]*len(t)
        for e in ex:
            if e["category"] not in CATS: bad("cat "+e["category"])
            k=e.get("occurrence",1); s=e["text"]
            n=occ(t,s)
            if n<k: bad(f"span {s!r} occ {n}<{k}")
            elif n>1 and "occurrence" not in e: print("  warn",cid,"span occurs",n,"times:",repr(s))
            j=nth(t,s,k)
            if j>=0:
                for q in range(j,j+len(s)): covered[q]=True
            cnt[e["category"]]+=1
            if f=="evasion": nev+=1
        # ascii punctuation outside spans
        for i,ch in enumerate(t):
            if covered[i]: continue
            if ch in ',;!?"\'()[]':
                bad(f"ascii {ch!r} at {i}: {t[max(0,i-8):i+8]!r}")
            if ch in '.:':
                a=t[i-1] if i>0 else ''; b=t[i+1] if i+1<len(t) else ''
                if not (a.isdigit() and b.isdigit()):
                    bad(f"ascii {ch!r} at {i}: {t[max(0,i-8):i+8]!r}")
        for z in "\u200b\u200c\u200d\ufeff\u2060":
            if z in t and not any(z in e["text"] for e in ex): bad(f"unlabelled invisible {hex(ord(z))}")
        if "\u3000" in t and not any("\u3000" in e["text"] for e in ex): print("  note",cid,"contains U+3000 (unlabelled)")
print("drafts",ndraft,"clean",nclean,"error drafts",ndraft-nclean)
print("genres",dict(gen)); g=dict(gen); g["工作报道+会议报道"]=g.pop("工作报道",0)+g.pop("会议报道",0); print("genre groups",g)
print("categories",dict(cnt),"total",sum(cnt.values()))
print("evasion-disguised expects",nev)
print("problems",problems)

# ---- extra checks: ID checksums, Luhn, weekdays ----
def id_ok(s):
    w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
    return "10X98765432"[sum(int(a)*b for a,b in zip(s[:17],w))%11]==s[17].upper()
def luhn_ok(n):
    t=0
    for i,c in enumerate(reversed(n)):
        x=int(c)
        if i%2: x*=2; x-= 9 if x>9 else 0
        t+=x
    return t%10==0
WD="一二三四五六日"
for f in FILES:
    p=os.path.join(D,f+".toml")
    if not os.path.exists(p): continue
    with open(p,"rb") as fh: data=tomllib.load(fh)
    for c in data.get("case",[]):
        t=c["text"]; spans=[e["text"] for e in c.get("expect",[])]
        for m in re.finditer(r"(?<![0-9])\d{17}[0-9Xx](?![0-9])",t):
            lab=any(m.group(0) in s_ for s_ in spans)
            print("  id",c["id"],m.group(0),"checksum",id_ok(m.group(0)),"labelled",lab)
            if lab and not id_ok(m.group(0)): problems+=1; print("!! bad ID checksum")
            if not lab and id_ok(m.group(0)): problems+=1; print("!! unlabelled valid ID")
        for m in re.finditer(r"(?<![0-9])6\d{15,18}(?![0-9])",t):
            lab=any(m.group(0) in s_ for s_ in spans)
            print("  card",c["id"],m.group(0),"luhn",luhn_ok(m.group(0)),"labelled",lab)
            if lab and not luhn_ok(m.group(0)): problems+=1; print("!! bad Luhn")
        for m in re.finditer(r"(?:(20\d\d)年)?(\d{1,2})月(\d{1,2})日（(?:星期|周)(.)）",t):
            y,mo,da,w=m.groups()
            if y is None:
                ys=re.findall(r"(20\d\d)年",t[:m.start()]); y=ys[-1] if ys else None
            if y is None: continue
            try: real=WD[datetime.date(int(y),int(mo),int(da)).weekday()]
            except ValueError: real="invalid"
            lab=any(m.group(0) in s_ or s_ in m.group(0) for s_ in spans if "月" in s_)
            if real!=w and not lab: problems+=1; print("!! unlabelled wrong weekday",c["id"],m.group(0))
            if real==w and lab and f=="datetime" and any(s_==m.group(0) for s_ in spans): problems+=1; print("!! labelled but weekday correct",c["id"],m.group(0))
print("problems after extra checks",problems)
