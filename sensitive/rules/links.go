package rules

import (
	"strings"

	"shenfa/sensitive/finding"
)

var ruleURL = rule{finding.Link, finding.Warn, RuleURL}

// tlds are the top-level domains that make a bare dotted word a domain. The
// list is short on purpose: file names (readme.md, main.go, a.zip) must not
// read as links.
var tlds = map[string]bool{"com": true, "cn": true, "net": true, "org": true, "gov": true,
	"edu": true, "mil": true, "int": true, "info": true, "biz": true, "top": true, "xyz": true,
	"cc": true, "tv": true, "me": true, "io": true, "co": true, "hk": true, "mo": true, "tw": true,
	"jp": true, "uk": true, "us": true, "de": true, "fr": true, "ru": true, "site": true,
	"online": true, "club": true, "vip": true, "shop": true, "ltd": true, "wang": true,
	"tech": true, "asia": true, "mobi": true, "cloud": true}

func links(dst []finding.Finding, text []rune) []finding.Finding {
	for i := 0; i < len(text); {
		if !isAlnum(text[i]) {
			i++
			continue
		}
		if linkGlued(runeAt(text, i-1)) {
			i = hostEnd(text, i)
			continue
		}
		var next int
		dst, next = linkAt(dst, text, i)
		i = max(next, i+1)
	}
	return dst
}

// linkGlued reports a character that makes the word after it part of
// something else: an e-mail address, a path, a longer name.
func linkGlued(p rune) bool {
	switch p {
	case '.', '-', '_', '@', '＠', '/', '%', '\\':
		return true
	}
	return isAlnum(p)
}

// hostEnd returns the end of the host-name characters at i.
func hostEnd(text []rune, i int) int {
	for i < len(text) && (isAlnum(text[i]) || text[i] == '-' || text[i] == '.') {
		i++
	}
	return i
}

// linkAt reports a URL or bare domain starting at s, and returns where scanning resumes.
func linkAt(dst []finding.Finding, text []rune, s int) ([]finding.Finding, int) {
	j := s
	for j < len(text) && j-s < 6 && isLetter(text[j]) {
		j++
	}
	if isScheme(text[s:j]) && runeAt(text, j) == ':' && runeAt(text, j+1) == '/' && runeAt(text, j+2) == '/' {
		hs := j + 3
		he := hostEnd(text, hs)
		end := urlEnd(text, hs)
		if he == hs {
			return dst, end
		}
		return append(dst, urlFinding(text, s, end, hs, he)), end
	}
	he := hostEnd(text, s)
	for he > s && (text[he-1] == '.' || text[he-1] == '-') {
		he--
	}
	if !isDomain(text[s:he]) || runeAt(text, he) == '@' || runeAt(text, he) == '＠' {
		return dst, max(he, s+1)
	}
	end := he
	if c := runeAt(text, he); c == '/' || c == '?' || c == '#' || (c == ':' && isDigit(runeAt(text, he+1))) {
		end = urlEnd(text, he)
	}
	return append(dst, urlFinding(text, s, end, s, he)), end
}

func isScheme(w []rune) bool {
	return equalFold(w, "http") || equalFold(w, "https") || equalFold(w, "ftp")
}

// equalFold compares ASCII text case-insensitively without building a string.
func equalFold(w []rune, s string) bool {
	if len(w) != len(s) {
		return false
	}
	for i, r := range w {
		if r|0x20 != rune(s[i])|0x20 {
			return false
		}
	}
	return true
}

// isDomain reports www.-names and dotted names ending in a known TLD.
func isDomain(host []rune) bool {
	dot := -1
	dots := 0
	for i, r := range host {
		if r == '.' {
			if i == 0 || host[i-1] == '.' {
				return false
			}
			dot = i
			dots++
		}
	}
	if dot <= 0 {
		return false
	}
	if dots >= 2 && len(host) > 4 && equalFold(host[:4], "www.") {
		return true
	}
	tld := host[dot+1:]
	if len(tld) < 2 || len(tld) > 6 {
		return false
	}
	var buf [6]byte
	for i, r := range tld {
		if !isLetter(r) {
			return false
		}
		buf[i] = byte(r | 0x20)
	}
	return tlds[string(buf[:len(tld)])]
}

// urlEnd returns the end of the URL characters from i, without the
// punctuation that ends the sentence around it.
func urlEnd(text []rune, i int) int {
	open := 0
	for i < len(text) && isURLChar(text[i]) {
		if text[i] == '(' {
			open++
		} else if text[i] == ')' {
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

func isURLChar(r rune) bool {
	if r <= ' ' || r > '~' {
		return false
	}
	return !strings.ContainsRune("<>\"`{}|\\^", r)
}

func urlFinding(text []rune, s, e, hs, he int) finding.Finding {
	host := string(text[hs:he])
	msg := "外部链接（域名 " + host + "）须人工核实：是否为官方或经批准的来源、能否正常打开、是否含商业推广。"
	return ruleURL.at(text, s, e, msg, "")
}
