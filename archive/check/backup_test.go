package check

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

func TestBackupAge(t *testing.T) {
	for _, tc := range []struct {
		name   string
		after  time.Duration // the clock, after the fixture's backup
		change func(t *testing.T, e *env, path string)
		want   Status
		says   string
	}{
		{"fresh backup", time.Hour, nil, Pass, "经核验"},
		{"six days old", 6 * 24 * time.Hour, nil, Pass, "期限 7 天"},
		{"eight days old", 8 * 24 * time.Hour, nil, Fail, "超过策略规定的 7 天"},
		{"file not reachable", time.Hour, func(t *testing.T, e *env, path string) { os.Rename(path, path+".moved") }, Warn, "未核验"},
		{"file not reachable and old", 9 * 24 * time.Hour, func(t *testing.T, e *env, path string) { os.Rename(path, path+".moved") }, Fail, "超过策略规定的 7 天"},
		{"file changed", time.Hour, func(t *testing.T, e *env, path string) {
			os.WriteFile(path, []byte("not the backup"), 0o600)
		}, Fail, "SHA-256 不符"},
		{"never backed up", time.Hour, func(t *testing.T, e *env, path string) {
			e.exec(t, `DELETE FROM audit WHERE action = 'workspace.backup'`)
		}, Fail, "没有任何备份"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			var at, target string
			e.w.DB.SQL.QueryRow(`SELECT at, target FROM audit WHERE action = 'workspace.backup' ORDER BY seq DESC`).Scan(&at, &target)
			when, err := time.Parse(time.RFC3339Nano, at)
			if err != nil {
				t.Fatal(err)
			}
			if tc.change != nil {
				// Work on a copy: the fixture's backup is shared by every test.
				data, err := os.ReadFile(target)
				if err != nil {
					t.Fatal(err)
				}
				copyPath := t.TempDir() + "/backup.db"
				os.WriteFile(copyPath, data, 0o600)
				e.exec(t, `UPDATE audit SET target = '`+copyPath+`' WHERE action = 'workspace.backup'`)
				tc.change(t, e, copyPath)
			}
			c := New(e.w.DB, WithClock(func() time.Time { return when.Add(tc.after) }))
			tr, err := c.loadTrail(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			it := c.backup(context.Background(), tr)
			if it.Status != tc.want || !strings.Contains(it.Detail, tc.says) {
				t.Errorf("got %s %q, want %s containing %q", it.Status, it.Detail, tc.want, tc.says)
			}
		})
	}
}

// TestBackupNewerUnverified: a newer backup whose file is elsewhere does
// not hide an older verified one; the report names both.
func TestBackupNewerUnverified(t *testing.T) {
	e := newEnv(t)
	sys := e.session(t, "sysadmin")
	dest := t.TempDir() + "/later.db"
	if _, err := e.w.Backup(context.Background(), sys, dest); err != nil {
		t.Fatal(err)
	}
	os.Remove(dest)
	it := e.c.backup(context.Background(), mustTrail(t, e.c))
	if it.Status != Pass || !strings.Contains(it.Detail, "不可访问") || !strings.Contains(it.Detail, "经核验") {
		t.Errorf("%s %s", it.Status, it.Detail)
	}
}

func mustTrail(t *testing.T, c *Checker) *trail {
	t.Helper()
	tr, err := c.loadTrail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tr
}
