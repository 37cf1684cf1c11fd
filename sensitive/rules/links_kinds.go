package rules

import (
	"strconv"
	"strings"

	"shenfa/sensitive/finding"
)

// centralMedia are the central news sites whose stories government accounts
// may repost (国家网信办 互联网新闻信息稿源单位): like .gov.cn, a link
// into them is shown for a check, not held up.
var centralMedia = []string{"people.com.cn", "xinhuanet.com", "news.cn", "cctv.com", "cctv.cn",
	"cntv.cn", "chinadaily.com.cn", "gmw.cn", "cnr.cn", "cri.cn", "ce.cn", "china.com.cn",
	"youth.cn", "chinanews.com.cn", "qstheory.cn", "81.cn", "cpcnews.cn"}

// cloudDrives are personal file-sharing services: a government account
// publishes its files on its own site, not in someone's 网盘.
var cloudDrives = []string{"pan.baidu.com", "yun.baidu.com", "pan.quark.cn", "aliyundrive.com",
	"alipan.com", "115.com", "weiyun.com", "lanzou", "123pan.com", "cloud.189.cn", "caiyun.139.com",
	"pan.xunlei.com", "ctfile.com", "mega.nz", "drive.google.com", "dropbox.com", "onedrive.live.com", "1drv.ms"}

// shortLinks hide where they lead.
var shortLinks = []string{"t.cn", "url.cn", "dwz.cn", "suo.im", "bit.ly", "tinyurl.com", "goo.gl",
	"is.gd", "985.so", "ow.ly", "t.co", "s.weibo.com", "mrw.so", "sohu.gg"}

// searchPages are result pages of search engines: not a source.
var searchPages = []string{"baidu.com/s", "so.com/s", "sogou.com/web", "bing.com/search", "google.com/search", "m.baidu.com/s"}

// hostIs reports whether host is d or a name under it.
func hostIs(host, d string) bool {
	return host == d || strings.HasSuffix(host, "."+d)
}

// hostIsAny reports a host under one of ds; a name without a dot
// (lanzou) may stand anywhere in it.
func hostIsAny(host string, ds []string) bool {
	for _, d := range ds {
		if hostIs(host, d) || (!strings.Contains(d, ".") && strings.Contains(host, d)) {
			return true
		}
	}
	return false
}

// ipv4 parses a dotted quad, or returns ok false.
func ipv4(host string) (q [4]int, ok bool) {
	parts := strings.Split(host, ".")
	if len(parts) != 4 {
		return q, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || len(p) > 3 || n > 255 || (len(p) > 1 && p[0] == '0') {
			return q, false
		}
		q[i] = n
	}
	return q, true
}

// privateIP reports the address ranges of internal networks (RFC 1918 and
// loopback).
func privateIP(q [4]int) bool {
	return q[0] == 10 || q[0] == 127 || (q[0] == 172 && q[1] >= 16 && q[1] <= 31) || (q[0] == 192 && q[1] == 168)
}

// netAddress reports a host that is an address rather than a name:
// 192.168.1.10, 10.0.0.5:8080/oa, localhost:8000, or a public address with a
// port or path. A bare dotted quad such as 10.1.2.3 is a version number
// unless an address is spoken of next to it.
func netAddress(text []rune, s, e int, host string) bool {
	next := fold(runeAt(text, e))
	withPort := next == '/' || (next == ':' && isDigit(runeAt(text, e+1)))
	if host == "localhost" {
		return withPort
	}
	q, ok := ipv4(host)
	if !ok {
		return false
	}
	if withPort || (q[0] == 192 && q[1] == 168) || (q[0] == 172 && q[1] >= 16 && q[1] <= 31) {
		return true
	}
	before := string(text[max(0, s-6):s])
	return containsAny(before, []string{"IP", "ip", "地址", "内网", "服务器", "访问", "登录", "网址"})
}

// urlFinding reports the link text[s:e] with host text[hs:he], saying what
// kind of link it is when that is known.
func urlFinding(text []rune, s, e, hs, he int) finding.Finding {
	host := hostOf(text, hs, he)
	link := hostOf(text, s, e)
	r := ruleURL
	why := "须人工核实：是否为官方或经批准的来源、能否正常打开、是否含商业推广。"
	q, isIP := ipv4(host)
	switch {
	case host == "localhost" || (isIP && privateIP(q)):
		why = "是内网或本机地址，公众无法访问，多为预览、后台地址残留，发布前应删除。"
	case isIP:
		why = "直接用 IP 地址而非域名，来源无法核实，请确认是否为官方网站。"
	case strings.Contains(host, "gov") && !hostIs(host, "gov.cn"):
		why = "含“gov”却不是 .gov.cn 政府网站域名，疑似仿冒网站，请核实。"
	case hostIsAny(host, cloudDrives):
		why = "是个人网盘链接：政务公开的文件应发布在本单位网站，不应通过网盘分享。"
	case hostIsAny(host, shortLinks):
		why = "是短链接，看不出指向哪里，请还原为完整地址并核实。"
	case containsAny(link, searchPages):
		why = "是搜索引擎的结果页，不是权威来源，请换成政策原文或官方页面的链接。"
	case hostIs(host, "gov.cn") || hostIsAny(host, centralMedia):
		if next := fold(runeAt(text, he)); next != ':' && next != '@' {
			r = ruleOfficialURL
			why = "属政府网站或中央新闻网站，请确认链接能打开、指向的页面正确。"
		}
	}
	msg := "外部链接（域名 " + host + "）" + why
	return r.at(text, s, e, msg, "")
}
