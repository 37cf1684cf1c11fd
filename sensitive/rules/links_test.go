package rules

import (
	"strings"
	"testing"
)

func TestLinks(t *testing.T) {
	cases := []tcase{
		{"访问⟦https://www.gov.cn/zhengce/⟧。", []string{"link.url/warn"}},
		{"见⟦http://example.com/a?b=1⟧，", []string{"link.url/warn"}},
		{"登录⟦www.example.com⟧查询", []string{"link.url/warn"}},
		{"网站⟦example.gov.cn⟧。", []string{"link.url/warn"}},
		{"⟦ftp://files.example.org/x⟧", []string{"link.url/warn"}},
		{"网址：⟦HTTP://WWW.GOV.CN⟧", []string{"link.url/warn"}},
		{"(见⟦https://a.cn/x⟧)", []string{"link.url/warn"}},
		{"（见⟦https://a.cn/x_(y)⟧）", []string{"link.url/warn"}},
		{"购票⟦12306.cn⟧.", []string{"link.url/warn"}},
		{"⟦xxx.com:8080/p⟧", []string{"link.url/warn"}},
		{"⟦a.cn⟧、⟦b.com⟧", []string{"link.url/warn", "link.url/warn"}},
	}
	runCases(t, Links, cases)
	runCases(t, Links, none(
		"3.5倍", "见readme.md", "main.go文件", "e.g. 例如", "邮箱a@b.com", "Node.js框架",
		"zhang.san@qq.com", "mailto:x", "v1.2.3", "U.S.A.", "192.168.1.1",
	))
}

func TestLinkMessageNamesDomain(t *testing.T) {
	fs := Links([]rune("详见https://www.gov.cn/zhengce/content.htm。"))
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "www.gov.cn") {
		t.Fatalf("message does not name the domain: %s", describe(fs))
	}
}
