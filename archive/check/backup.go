package check

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"shenfa/review/audit"
	"shenfa/review/policy"
)

// backup checks that the last verified backup is newer than the policy's
// backup_max_age_days. A backup counts as verified when its audit row
// exists and its file is still there with the SHA-256 recorded; one whose
// file cannot be reached (removable media, another machine) is unverified.
func (c *Checker) backup(ctx context.Context, t *trail) Item {
	it := Item{ID: string(Security) + ".backup", Property: Security, Name: "备份及时且经核验"}
	set := func(st Status, detail string) Item { it.Status, it.Detail = st, detail; return it }
	_, p, err := policy.Current(ctx, c.db)
	if err != nil {
		return set(Fail, "审核策略无法读取，备份期限不明："+err.Error()+"。")
	}
	limit := p.BackupMaxAgeDays
	if limit <= 0 {
		return set(Warn, "审核策略没有规定备份期限（backup_max_age_days）。")
	}
	now := c.now()
	var notes []string
	var newest *audit.Entry
	damaged := false
	for i := len(t.rows) - 1; i >= 0; i-- {
		r := t.rows[i]
		if r.Action != audit.ActionBackup {
			continue
		}
		if newest == nil {
			newest = &t.rows[i]
		}
		state := c.backupState(r)
		if state == "" {
			age := now.Sub(r.At)
			if age > time.Duration(limit)*24*time.Hour {
				notes = append(notes, fmt.Sprintf("最近一次经核验的备份是 %s 的“%s”，已有 %s，超过策略规定的 %d 天", stamp(r.At), r.Target, days(age), limit))
				return set(Fail, strings.Join(notes, "；")+"。")
			}
			notes = append(notes, fmt.Sprintf("最近一次经核验的备份是 %s 的“%s”（%s前），文件的 SHA-256 与审计记录相符；期限 %d 天", stamp(r.At), r.Target, days(age), limit))
			return set(Pass, strings.Join(notes, "；")+"。")
		}
		damaged = damaged || state == stateDamaged
		notes = append(notes, fmt.Sprintf("%s 的备份“%s”%s", stamp(r.At), r.Target, state))
	}
	switch {
	case newest == nil:
		return set(Fail, "审计记录中没有任何备份。")
	case now.Sub(newest.At) > time.Duration(limit)*24*time.Hour:
		return set(Fail, strings.Join(notes, "；")+fmt.Sprintf("；最近一次备份已有 %s，超过策略规定的 %d 天。", days(now.Sub(newest.At)), limit))
	case damaged:
		return set(Fail, "没有经核验的备份："+strings.Join(notes, "；")+"。")
	}
	return set(Warn, "未核验："+strings.Join(notes, "；")+"。")
}

// backupState is "" for a backup whose file is there with the recorded
// SHA-256, else what is wrong with it.
func (c *Checker) backupState(r audit.Entry) string {
	want := field(r.Detail, "sha256")
	path, ok := c.locate(r.Target)
	if !ok {
		return "的文件不可访问，未核验"
	}
	got, err := fileSHA256(path)
	switch {
	case err != nil:
		return "的文件无法读取，未核验"
	case want == "" || got != want:
		return stateDamaged
	}
	return ""
}

const stateDamaged = "的文件与审计记录中的 SHA-256 不符"

// locate finds a backup file: as recorded, else beside the workspace.
func (c *Checker) locate(p string) (string, bool) {
	cands := []string{p}
	if !filepath.IsAbs(p) {
		cands = append(cands, filepath.Join(c.dir, p))
	}
	for _, cand := range cands {
		if fi, err := os.Stat(cand); err == nil && fi.Mode().IsRegular() {
			return cand, true
		}
	}
	return "", false
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func stamp(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

func days(d time.Duration) string {
	if d < 24*time.Hour {
		return fmt.Sprintf("%.0f 小时", d.Hours())
	}
	return fmt.Sprintf("%.1f 天", d.Hours()/24)
}
