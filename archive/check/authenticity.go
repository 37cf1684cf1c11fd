package check

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"shenfa/archive"
	"shenfa/archive/record"
	"shenfa/review/audit"
	"shenfa/review/drafts"
)

// authenticity adds the 真实性 items.
func (c *Checker) authenticity(ctx context.Context, s *stored, t *trail, pdf *pdfRun, is *items) {
	c.pades(ctx, s, pdf, is)
	m := s.Manifest
	if m == nil {
		why := "清单（manifest）无法读取：" + s.ManifestErr.Error()
		for _, x := range [][2]string{{"signoffs", "签署 SM2 签名"}, {"chain", "签署声明链"}, {"text", "定稿正文哈希"}, {"file", "定稿原件哈希"}} {
			is.add(Authenticity, x[0], x[1], Fail, why)
		}
	} else {
		c.signOffs(ctx, m, is)
		chain(m, is)
		hashes(s, is)
	}
	manifestSeal(s, t, is)
	events(s, t, is)
	auditChain(s, t, is)
}

// pades checks the PDF's signature with the PAdES verifier, or failing
// that with poppler's pdfsig, which cannot tell whether the signer chains
// to the workspace CA.
func (c *Checker) pades(ctx context.Context, s *stored, pdf *pdfRun, is *items) {
	const id, name = "pades", "PDF 签名（PAdES）"
	if c.signatures != nil {
		sig, err := c.signatures.VerifyPDF(ctx, s.PDF)
		switch {
		case err != nil:
			is.add(Authenticity, id, name, Fail, "签名无法验证："+err.Error())
		case !sig.Signed:
			is.add(Authenticity, id, name, Fail, "PDF 没有签名。")
		case !sig.Valid:
			is.add(Authenticity, id, name, Fail, "签名无效，签名后的内容已被改动。"+sig.Detail)
		case !sig.WholeFile:
			is.add(Authenticity, id, name, Fail, "签名未覆盖整个文件：签名之后文件被追加了内容。"+sig.Detail)
		case !sig.Trusted:
			is.add(Authenticity, id, name, Fail, "签名完好，但签名证书不链至本工作区的 CA。"+sig.Detail)
		default:
			is.add(Authenticity, id, name, Pass, "签名有效，覆盖整个文件，签名证书链至本工作区的 CA（"+sig.Signer+"）。")
		}
		return
	}
	out, found, err := pdf.tool(ctx, "pdfsig")
	if !found {
		is.add(Authenticity, id, name, Skipped, "未检查：PAdES 校验器未接入，且未安装 pdfsig（工具缺失）。")
		return
	}
	text := string(out)
	switch {
	case strings.Contains(text, "does not contain any signatures"):
		is.add(Authenticity, id, name, Fail, "PDF 没有签名。")
	case err != nil && !strings.Contains(text, "Signature Validation"):
		is.add(Authenticity, id, name, Fail, "pdfsig 无法读取签名："+firstLine(text, err))
	case !strings.Contains(text, "Signature is Valid"):
		is.add(Authenticity, id, name, Fail, "签名无效（pdfsig："+pdfsigLine(text)+"）。")
	case strings.Contains(text, "Not total document signed"):
		is.add(Authenticity, id, name, Fail, "签名未覆盖整个文件：签名之后文件被追加了内容（pdfsig）。")
	default:
		is.add(Authenticity, id, name, Warn, "pdfsig 报告签名有效；是否链至工作区 CA 未检查（PAdES 校验器未接入）。")
	}
}

func pdfsigLine(text string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, "Signature Validation") {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- "))
		}
	}
	return "无签名校验结果"
}

// signOffs verifies every sign-off of the manifest with the public key it
// carries, checks that the key is the signer's key on record, and that the
// fields the PDF prints are the ones signed.
func (c *Checker) signOffs(ctx context.Context, m *record.Manifest, is *items) {
	const id, name = "signoffs", "签署 SM2 签名"
	if len(m.SignOffs) == 0 {
		is.add(Authenticity, id, name, Fail, "清单中没有任何签署。")
		return
	}
	var bad []string
	for _, so := range m.SignOffs {
		if why := c.signOff(ctx, m, so); why != "" {
			bad = append(bad, fmt.Sprintf("第 %d 次签署（%s %s）：%s", so.Seq, so.StepLabel, so.Signer.FullName, why))
		}
	}
	if len(bad) > 0 {
		is.add(Authenticity, id, name, Fail, strings.Join(bad, "；")+"。")
		return
	}
	is.add(Authenticity, id, name, Pass, fmt.Sprintf("%d 次签署的 SM2 签名均有效，公钥均为签署人在册的密钥。", len(m.SignOffs)))
}

func (c *Checker) signOff(ctx context.Context, m *record.Manifest, so record.SignOff) string {
	if p := archive.VerifySignOff(m, so); !p.OK() {
		return signOffText(p)
	}
	der, _ := base64.StdEncoding.DecodeString(so.PublicKey) // VerifySignOff read it
	var n int
	if err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM signing_keys k JOIN users u ON u.id = k.user_id
		WHERE u.name = ? AND k.public_key = ?`, so.Signer.Name, der).Scan(&n); err != nil || n == 0 {
		return "公钥不是签署人在册的密钥"
	}
	return ""
}

// signOffText says in Chinese why a sign-off of the manifest fails.
func signOffText(p archive.SignOffProblem) string {
	switch {
	case p.Problem == drafts.BadStatement:
		return "签署声明格式不符"
	case p.Problem == drafts.UnknownKey && p.Field == "public_key":
		return "公钥无法读取或不是 SM2 公钥"
	case p.Problem == drafts.UnknownKey:
		return "公钥与声明中的密钥指纹不符"
	case p.Problem == drafts.BadSignature:
		return "签名无效"
	case p.Field == "workspace":
		return "声明的工作区或稿件与清单不符"
	case p.Field == "version" || p.Field == "decision":
		return "清单所列的版本、环节或决定与签署声明不符"
	}
	return "清单所列的意见、签署人或时间与签署声明不符"
}

// chain checks that each statement names the one before it.
func chain(m *record.Manifest, is *items) {
	const id, name = "chain", "签署声明链"
	switch seq, p := archive.VerifyChain(m); p {
	case drafts.MissingSignOff:
		is.add(Authenticity, id, name, Fail, fmt.Sprintf("第 %d 次签署缺失（清单中接着的是第 %d 次）。", seq, m.SignOffs[seq-1].Seq))
	case drafts.BadStatement:
		is.add(Authenticity, id, name, Fail, fmt.Sprintf("第 %d 次签署的声明格式不符。", seq))
	case drafts.BrokenChain:
		is.add(Authenticity, id, name, Fail, fmt.Sprintf("第 %d 次签署的声明没有指向前一次签署：链断开。", seq))
	default:
		is.add(Authenticity, id, name, Pass, fmt.Sprintf("%d 次签署的声明首尾相接，链完整。", len(m.SignOffs)))
	}
}

// hashes checks the stored final text and file against the manifest's SM3,
// and that the sign-offs the approval rests on signed exactly those.
func hashes(s *stored, is *items) {
	m := s.Manifest
	var final *storedVersion
	for i := range s.Versions {
		if s.Versions[i].Number == m.FinalVersion {
			final = &s.Versions[i]
		}
	}
	text, file := []string{}, []string{}
	if got := drafts.SM3([]byte(s.Text)); got != m.TextSM3 || s.TextSM3 != m.TextSM3 {
		text = append(text, "存储的定稿正文与清单中的 SM3 不符，正文已被改动")
	}
	if final == nil || drafts.SM3([]byte(final.Text)) != m.TextSM3 {
		text = append(text, fmt.Sprintf("存储的第 %d 版正文与清单中的 SM3 不符", m.FinalVersion))
	}
	if drafts.SM3(s.File) != m.FileSM3 {
		file = append(file, "存储的定稿原件与清单中的 SM3 不符，原件已被改动")
	}
	if final == nil || drafts.SM3(final.File) != m.FileSM3 {
		file = append(file, fmt.Sprintf("存储的第 %d 版原件与清单中的 SM3 不符", m.FinalVersion))
	}
	current := 0
	for _, so := range m.SignOffs {
		st, err := drafts.ParseStatement(so.Statement)
		if !so.Current || err != nil {
			continue
		}
		current++
		if st.TextSM3 != m.TextSM3 || st.Version != m.FinalVersion {
			text = append(text, fmt.Sprintf("第 %d 次签署所签的正文不是清单中的定稿", so.Seq))
		}
		if st.FileSM3 != m.FileSM3 {
			file = append(file, fmt.Sprintf("第 %d 次签署所签的原件不是清单中的定稿原件", so.Seq))
		}
	}
	report := func(id, name string, bad []string, ok string) {
		if len(bad) > 0 {
			is.add(Authenticity, id, name, Fail, strings.Join(bad, "；")+"。")
			return
		}
		is.add(Authenticity, id, name, Pass, ok)
	}
	report("text", "定稿正文哈希", text, fmt.Sprintf("定稿正文的 SM3 与清单一致（%s），%d 次有效签署签的正是此正文。", short(m.TextSM3), current))
	report("file", "定稿原件哈希", file, fmt.Sprintf("定稿原件的 SM3 与清单一致（%s），%d 次有效签署签的正是此原件。", short(m.FileSM3), current))
}

// manifestSeal compares the stored manifest and PDF with what the audit
// row of the sealing recorded.
func manifestSeal(s *stored, t *trail, is *items) {
	const id, name = "seal", "清单与归档审计记录"
	var bad []string
	sum := drafts.SM3(s.ManifestRaw)
	pdfSum := sha256.Sum256(s.PDF)
	pdfHex := hex.EncodeToString(pdfSum[:])
	if sum != s.ManifestSM3 {
		bad = append(bad, "存储的清单与其 SM3 不符，清单已被改动")
	}
	if pdfHex != s.PDFSHA256 {
		bad = append(bad, "存储的 PDF 与其 SHA-256 不符，PDF 已被改动")
	}
	if s.Manifest != nil && s.Manifest.Code != s.Code {
		bad = append(bad, "清单中的档号与记录不符")
	}
	seals := sealRows(s, t)
	switch {
	case len(seals) == 0:
		bad = append(bad, "审计记录中没有本件的归档记录")
	case len(seals) > 1:
		bad = append(bad, fmt.Sprintf("审计记录中本件有 %d 条归档记录", len(seals)))
	default:
		if field(seals[0].Detail, "manifest-sm3") != sum {
			bad = append(bad, fmt.Sprintf("清单的 SM3 与归档时审计记录（第 %d 条）所记的不同", seals[0].Seq))
		}
		if field(seals[0].Detail, "pdf-sha256") != pdfHex {
			bad = append(bad, fmt.Sprintf("PDF 的 SHA-256 与归档时审计记录（第 %d 条）所记的不同", seals[0].Seq))
		}
	}
	if len(bad) > 0 {
		is.add(Authenticity, id, name, Fail, strings.Join(bad, "；")+"。")
		return
	}
	is.add(Authenticity, id, name, Pass, fmt.Sprintf("清单 SM3 与 PDF SHA-256 均与归档审计记录（第 %d 条）一致。", seals[0].Seq))
}

func sealRows(s *stored, t *trail) []audit.Entry {
	var out []audit.Entry
	for _, r := range t.about(s.Code) {
		if r.Action == archive.ActionSeal {
			out = append(out, r)
		}
	}
	return out
}

// field returns the word after key in an audit detail ("… key value …").
func field(detail, key string) string {
	ws := strings.Fields(detail)
	for i := 0; i+1 < len(ws); i++ {
		if ws[i] == key {
			return ws[i+1]
		}
	}
	return ""
}

func short(h string) string {
	if len(h) > 16 {
		return h[:16] + "…"
	}
	return h
}

func firstLine(text string, err error) string {
	if l, _, _ := strings.Cut(strings.TrimSpace(text), "\n"); l != "" {
		return l
	}
	return err.Error()
}
