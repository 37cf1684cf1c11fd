package rules

import (
	"strings"

	"shenfa/sensitive/finding"
)

var (
	ruleURL = rule{finding.Link, finding.Warn, RuleURL}
	// ruleOfficialURL is a link into a government (.gov.cn) or central news
	// site: still shown, so that someone opens it, but no reason to stop.
	ruleOfficialURL = rule{finding.Link, finding.Info, RuleURL}
)

// tlds are the top-level domains that make a bare dotted word a domain. The
// list is short on purpose: file names (readme.md, main.go, a.zip) must not
// read as links.
var tlds = map[string]bool{"com": true, "cn": true, "net": true, "org": true, "gov": true,
	"edu": true, "mil": true, "int": true, "info": true, "biz": true, "top": true, "xyz": true,
	"cc": true, "tv": true, "me": true, "io": true, "co": true, "hk": true, "mo": true, "tw": true,
	"jp": true, "uk": true, "us": true, "de": true, "fr": true, "ru": true, "site": true,
	"online": true, "club": true, "vip": true, "shop": true, "ltd": true, "wang": true,
	"tech": true, "asia": true, "mobi": true, "cloud": true}

// pathTLDs make a domain only with a path after them: bit.ly/3xYz and
// goo.gl/abc are short links, while logo.ai or a.app may be file names.
var pathTLDs = map[string]bool{"ly": true, "gl": true, "gd": true, "im": true, "so": true,
	"to": true, "fm": true, "ai": true, "app": true, "dev": true, "link": true, "live": true,
	"work": true, "fun": true, "icu": true, "pro": true, "ink": true, "red": true, "store": true,
	"ren": true, "xin": true, "ms": true, "nz": true, "gg": true, "ws": true, "sh": true}

func links(dst []finding.Finding, text []rune) []finding.Finding {
	for i := 0; i < len(text); {
		r := text[i]
		if r >= 0x3000 && r < 0xFF00 {
			i++ // Chinese text: no link starts here
			continue
		}
		if r == '\\' && runeAt(text, i+1) == '\\' && isAlnum(fold(runeAt(text, i+2))) {
			dst, i = localPath(dst, text, i, i+2) // \\server\共享
			continue
		}
		if !isAlnum(fold(r)) {
			i++
			continue
		}
		if linkGlued(fold(runeAt(text, i-1))) {
			i = hostEnd(text, i)
			continue
		}
		var next int
		dst, next = linkAt(dst, text, i)
		i = max(next, i+1)
	}
	return dst
}

// fold reads a full-width letter, digit or mark as its ASCII form: ｗｗｗ．
// is www. written to slip past a filter.
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		return r - 0xFEE0
	}
	return r
}

// linkGlued reports a character that makes the word after it part of
// something else: an e-mail address, a path, a longer name.
func linkGlued(p rune) bool {
	switch p {
	case '.', '-', '_', '@', '/', '%', '\\':
		return true
	}
	return isAlnum(p)
}

// isHostDot reports a dot between two labels of a host name: '.', or the
// full-width and ideographic full stops put there to dodge a filter
// (www。example。com), when ASCII labels stand on both sides.
func isHostDot(text []rune, i int) bool {
	switch text[i] {
	case '.':
		return true
	case '．', '。', '｡':
		return isAlnum(fold(runeAt(text, i-1))) && isAlnum(fold(runeAt(text, i+1)))
	}
	return false
}

// hostEnd returns the end of the host-name characters at i.
func hostEnd(text []rune, i int) int {
	for i < len(text) {
		if c := fold(text[i]); !isAlnum(c) && c != '-' && !isHostDot(text, i) {
			break
		}
		i++
	}
	return i
}

// hasHostDot reports a dot inside text[s:e].
func hasHostDot(text []rune, s, e int) bool {
	for k := s; k < e; k++ {
		if isHostDot(text, k) {
			return true
		}
	}
	return false
}

// equalFold compares ASCII text case-insensitively without building a string.
func equalFold(w []rune, s string) bool {
	if len(w) != len(s) {
		return false
	}
	for i, r := range w {
		if fold(r)|0x20 != rune(s[i])|0x20 {
			return false
		}
	}
	return true
}

// hostOf returns text[s:e] as a lower-case ASCII host name.
func hostOf(text []rune, s, e int) string {
	var b strings.Builder
	for _, r := range text[s:e] {
		c := fold(r)
		if c == '。' || c == '｡' {
			c = '.'
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// schemeEnd returns the index after "scheme://" at s (http, https, ftp,
// file, weixin…; the colon may be full-width), or 0.
func schemeEnd(text []rune, s int) (int, string) {
	j := s
	for j < len(text) && j-s < 16 {
		c := fold(text[j])
		if !isLetter(c) && (j == s || (!isDigit(c) && c != '+' && c != '-' && c != '.')) {
			break
		}
		j++
	}
	if j == s || (fold(runeAt(text, j)) != ':') || fold(runeAt(text, j+1)) != '/' || fold(runeAt(text, j+2)) != '/' {
		return 0, ""
	}
	return j + 3, hostOf(text, s, j)
}

// linkAt reports a URL, bare domain or network address starting at s, and
// returns where scanning resumes.
func linkAt(dst []finding.Finding, text []rune, s int) ([]finding.Finding, int) {
	if hs, scheme := schemeEnd(text, s); hs > 0 {
		if scheme == "file" || isDriveLetter(text, hs) {
			return localPath(dst, text, s, hs)
		}
		he := hostEnd(text, hs)
		end := urlEnd(text, hs)
		if he == hs {
			return dst, end
		}
		return append(dst, urlFinding(text, s, end, hs, he)), end
	}
	if isDriveLetter(text, s) && !isAlnum(fold(runeAt(text, s-1))) {
		return localPath(dst, text, s, s+3) // C:\Users\…
	}
	he := hostEnd(text, s)
	for he > s && (text[he-1] == '.' || text[he-1] == '-') {
		he--
	}
	if c := fold(runeAt(text, he)); c == '@' {
		return dst, max(he, s+1) // an e-mail address is privacy's
	}
	if !hasHostDot(text, s, he) && !equalFold(text[s:he], "localhost") {
		return dst, max(he, s+1) // a word or a number: most of what gets here
	}
	host := hostOf(text, s, he)
	withPath := fold(runeAt(text, he)) == '/'
	if !isDomain(host, withPath) && !netAddress(text, s, he, host) {
		return dst, max(he, s+1)
	}
	end := he
	if c := fold(runeAt(text, he)); c == '/' || c == '?' || c == '#' || (c == ':' && isDigit(runeAt(text, he+1))) {
		end = urlEnd(text, he)
	}
	return append(dst, urlFinding(text, s, end, s, he)), end
}

// isDriveLetter reports C:\ or C:/ at i: a path on someone's computer.
func isDriveLetter(text []rune, i int) bool {
	c, sep := fold(runeAt(text, i+2)), fold(runeAt(text, i+1))
	return isLetter(fold(runeAt(text, i))) && sep == ':' && (c == '\\' || c == '/') &&
		(isAlnum(fold(runeAt(text, i+3))) || isHan(runeAt(text, i+3)))
}

// localPath reports a file:// URL, a drive path or a \\server share
// starting at s, the path proper from p: it runs to a blank or a Chinese
// punctuation mark, Chinese file names included.
func localPath(dst []finding.Finding, text []rune, s, p int) ([]finding.Finding, int) {
	e := p
	for e < len(text) && !isSpace(text[e]) && !isBreak(text[e]) && (isURLChar(text[e]) || isHan(text[e]) || text[e] == '\\') {
		e++
	}
	for e > p && strings.ContainsRune(".,;:!?'\")", text[e-1]) {
		e--
	}
	msg := "本地或内网文件路径“" + string(text[s:e]) + "”不能被公众打开，且会暴露内部目录，发布前应删除或换成公开的链接。"
	return append(dst, ruleURL.at(text, s, e, msg, "")), e
}

// isDomain reports www.-names and dotted names ending in a known TLD; the
// TLDs of pathTLDs count only when a path follows.
func isDomain(host string, withPath bool) bool {
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || strings.Contains(host, "..") || host[0] == '.' {
		return false
	}
	if strings.HasPrefix(host, "www.") && strings.Count(host, ".") >= 2 {
		return true
	}
	tld := host[dot+1:]
	if len(tld) < 2 || len(tld) > 6 {
		return false
	}
	for i := range len(tld) {
		if !isLetter(rune(tld[i])) {
			return false
		}
	}
	return tlds[tld] || (withPath && pathTLDs[tld])
}

// urlEnd returns the end of the URL characters from i, without the
// punctuation that ends the sentence around it. A query value written in
// Chinese (?wd=临江公积金) belongs to the URL.
func urlEnd(text []rune, i int) int {
	open := 0
	for i < len(text) {
		c := text[i]
		if isHan(c) && (runeAt(text, i-1) == '=' || isHan(runeAt(text, i-1))) && queryStarted(text, i) {
			i++
			continue
		}
		if !isURLChar(c) {
			break
		}
		if c == '(' {
			open++
		} else if c == ')' {
			open--
		}
		i++
	}
	for i > 0 {
		c := text[i-1]
		if c == ')' && open < 0 {
			open++
		} else if !strings.ContainsRune(".,;:!?'\"]", c) {
			break
		}
		i--
	}
	return i
}

// queryStarted reports whether the Chinese run that reaches i began right
// after the = of a query: ?wd=临江 and not 详见x.cn/a查询.
func queryStarted(text []rune, i int) bool {
	for i > 0 && isHan(text[i-1]) {
		i--
	}
	return runeAt(text, i-1) == '='
}

func isURLChar(r rune) bool {
	if r <= ' ' || r > '~' {
		return false
	}
	return !strings.ContainsRune("<>\"`{}|\\^", r)
}
