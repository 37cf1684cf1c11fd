package rules

import (
	"strings"
	"testing"
)

func TestLinks(t *testing.T) {
	cases := []tcase{
		{"访问⟦https://www.gov.cn/zhengce/⟧。", []string{"link.url/info"}},
		{"见⟦http://example.com/a?b=1⟧，", []string{"link.url/warn"}},
		{"登录⟦www.example.com⟧查询", []string{"link.url/warn"}},
		{"网站⟦example.gov.cn⟧。", []string{"link.url/info"}},
		{"⟦ftp://files.example.org/x⟧", []string{"link.url/warn"}},
		{"网址：⟦HTTP://WWW.GOV.CN⟧", []string{"link.url/info"}},
		{"(见⟦https://a.cn/x⟧)", []string{"link.url/warn"}},
		{"（见⟦https://a.cn/x_(y)⟧）", []string{"link.url/warn"}},
		{"购票⟦12306.cn⟧.", []string{"link.url/warn"}},
		{"⟦xxx.com:8080/p⟧", []string{"link.url/warn"}},
		{"⟦a.cn⟧、⟦b.com⟧", []string{"link.url/warn", "link.url/warn"}},
		// official sites are shown for a check, not held up; lookalikes and ports are not official
		{"视频链接：⟦https://tv.cctv.com/2024/05/22/V.shtml⟧", []string{"link.url/info"}},
		{"请登录⟦http://www.linjiang-gov.top/wgfh⟧申请", []string{"link.url/warn"}},
		{"⟦http://rsj.linjiang.gov.cn:8080/oa⟧", []string{"link.url/warn"}},
		{"⟦https://www.gov.cn@evil.example.com/⟧", []string{"link.url/warn"}},
		// cloud drives, short links, search pages
		{"下载地址：⟦https://pan.baidu.com/s/1aB2cD3eF4gH⟧ 提取码：8k2m", []string{"link.url/warn"}},
		{"详情戳⟦bit.ly/3xYzAb⟧", []string{"link.url/warn"}},
		{"可参考：⟦https://www.baidu.com/s?wd=临江公积金贷款额度⟧ ，", []string{"link.url/warn"}},
		// intranet, local machine and files
		{"预览地址：⟦http://localhost:8000/preview?id=1⟧", []string{"link.url/warn"}},
		{"后台：⟦localhost:8080/admin⟧", []string{"link.url/warn"}},
		{"内网地址⟦192.168.1.10⟧", []string{"link.url/warn"}},
		{"请访问⟦10.12.0.5⟧办理", []string{"link.url/warn"}},
		{"⟦10.0.0.8:8080/oa⟧", []string{"link.url/warn"}},
		{"服务器⟦221.176.229.56/news⟧", []string{"link.url/warn"}},
		{"附件：⟦file:///C:/Users/admin/Desktop/通知.docx⟧", []string{"link.url/warn"}},
		{"原文见⟦D:\\工作\\2026\\通知.docx⟧。", []string{"link.url/warn"}},
		{"共享目录⟦\\\\fileserver\\办公室\\稿件⟧", []string{"link.url/warn"}},
		{"⟦weixin://dl/business/?t=abc⟧", []string{"link.url/warn"}},
		// written to slip past a filter
		{"登录⟦ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ⟧", []string{"link.url/warn"}},
		{"加⟦www。example。com⟧领取", []string{"link.url/warn"}},
		{"⟦https：//example.com/a⟧", []string{"link.url/warn"}},
	}
	runCases(t, Links, cases)
	runCases(t, Links, none(
		"3.5倍", "见readme.md", "main.go文件", "e.g. 例如", "邮箱a@b.com", "Node.js框架",
		"zhang.san@qq.com", "mailto:x", "v1.2.3", "U.S.A.", "版本10.1.2.3", "logo.ai", "a.app",
		"见附件1。附件2为名单", "比例1:2", "选项A:B", "2026.12.01", "第3.1.2条", "localhost",
	))
}

func TestLinkMessageNamesDomain(t *testing.T) {
	fs := Links([]rune("详见https://www.gov.cn/zhengce/content.htm。"))
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "www.gov.cn") {
		t.Fatalf("message does not name the domain: %s", describe(fs))
	}
}

// TestLinkMessagesSayWhy: a reviewer sees why a link is a problem.
func TestLinkMessagesSayWhy(t *testing.T) {
	for text, want := range map[string]string{
		"https://pan.baidu.com/s/1aB2":           "网盘",
		"http://www.linjiang-gov.top/a":          "仿冒",
		"http://localhost:8000/p":                "内网",
		"https://www.baidu.com/s?wd=公积金":         "搜索",
		"t.cn/A6xYz":                             "短链接",
		"https://www.gov.cn/zhengce/content.htm": "政府网站",
	} {
		fs := Links([]rune("见" + text + "。"))
		if len(fs) != 1 || !strings.Contains(fs[0].Message, want) {
			t.Errorf("%s: %s, want a message with %q", text, describe(fs), want)
		}
	}
}
