package archive_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"shenfa/archive"
	"shenfa/archive/bagit"
	"shenfa/archive/record"
	"shenfa/review"
	"shenfa/review/account"
	"shenfa/review/audit"
	"shenfa/review/drafts"
)

// bigPDF is fakePDF with a few megabytes of body, so that an export takes
// long enough for the crash test to kill it halfway.
type bigPDF struct{ fakePDF }

func (bigPDF) Render(c *record.Contents) ([]byte, error) {
	m, err := c.Manifest.Marshal()
	body := make([]byte, 3<<20)
	r := rand.NewChaCha8([32]byte{byte(c.Manifest.Draft)})
	r.Read(body)
	return append(append([]byte("%PDF-1.7\n"), m...), body...), err
}

// sealed seals the demo's approved and published drafts and returns their
// record ids, with the archive renderer r.
func sealed(t *testing.T, e *env, r archive.Renderer) (*archive.Store, []int64) {
	t.Helper()
	ctx := context.Background()
	st := archive.New(e.w.DB, e.w.Accounts, e.w.Drafts, r, fakePDF{})
	var ids []int64
	for _, status := range []drafts.Status{drafts.Published, drafts.Approved} {
		code, err := st.Seal(ctx, e.users["archivist"], "Archivist@2026", e.draftWith(t, status))
		if err != nil {
			t.Fatal(err)
		}
		rec, err := st.Get(ctx, e.users["archivist"], code)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, rec.ID)
	}
	return st, ids
}

func exports(t *testing.T, e *env) []audit.Entry {
	t.Helper()
	rows, err := e.w.DB.SQL.Query(`SELECT target, detail, actor FROM audit WHERE action = ? ORDER BY seq`, archive.ActionExport)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var es []audit.Entry
	for rows.Next() {
		var en audit.Entry
		rows.Scan(&en.Target, &en.Detail, &en.Actor)
		es = append(es, en)
	}
	return es
}

// independentCheck runs the stdlib-only Python check of the bagit tests.
func independentCheck(t *testing.T, dir string) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Log("python3 is not installed: no independent check")
		return
	}
	out, err := exec.Command("python3", "-I", "-S", "bagit/testdata/check_bag.py", dir).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "valid" {
		t.Fatalf("independent check: %v\n%s", err, out)
	}
}

func TestExportBag(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	st, ids := sealed(t, e, fakePDF{})
	arch := e.users["archivist"]
	dir := filepath.Join(t.TempDir(), "移交 2026")
	if err := st.ExportBag(ctx, arch, ids, dir); err != nil {
		t.Fatal(err)
	}
	r, err := bagit.Verify(dir)
	if err != nil || !r.Valid() {
		t.Fatalf("bag: %v %v", err, r.Problems)
	}
	independentCheck(t, dir)
	var codes []string
	for _, id := range ids {
		rec, _ := st.Get(ctx, arch, strconv.FormatInt(id, 10))
		codes = append(codes, rec.Code)
		base := filepath.Join(dir, "data", rec.Code)
		for name, want := range map[string][]byte{rec.Code + ".pdf": rec.PDF, "manifest.json": rec.ManifestJSON,
			filepath.Join("原件", rec.FileName): rec.File} {
			if got, err := os.ReadFile(filepath.Join(base, name)); err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s/%s: %v", rec.Code, name, err)
			}
		}
		var info archive.RecordInfo
		raw, _ := os.ReadFile(filepath.Join(base, "record.json"))
		if err := json.Unmarshal(raw, &info); err != nil {
			t.Fatal(err)
		}
		if info.Code != rec.Code || info.Title != rec.Title || info.PDF.SHA256 != rec.PDFSHA256 || info.AuditHead.Hash == "" ||
			info.Archivist.Name != "archivist" || info.SealedAt.IsZero() || info.RetentionLabel == "" || info.Channel.Name == "" {
			t.Errorf("record.json: %s", raw)
		}
	}
	if got := r.Values(bagit.LabelExternalIdentifier); !slices.Equal(got, codes) {
		t.Errorf("External-Identifier %v, want %v", got, codes)
	}
	if org := r.Values(bagit.LabelSourceOrganization); len(org) != 1 || !strings.Contains(org[0], "江城市") {
		t.Errorf("Source-Organization %v", org)
	}
	es := exports(t, e)
	abs, _ := filepath.Abs(dir)
	if len(es) != 1 || es[0].Target != abs || es[0].Actor != "archivist" || !strings.Contains(es[0].Detail, strings.Join(codes, ",")) {
		t.Fatalf("audit: %+v", es)
	}
	if err := st.ExportBag(ctx, arch, ids, dir); !errors.Is(err, bagit.ErrExists) {
		t.Errorf("export over a bag: %v", err)
	}
}

func TestVerifyBagRecords(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	st, ids := sealed(t, e, fakePDF{})
	dir := filepath.Join(t.TempDir(), "bag")
	if err := st.ExportBag(ctx, e.users["archivist"], ids, dir); err != nil {
		t.Fatal(err)
	}
	// the fake signer appends "signed by"; a check of that stands for pades
	check := func(pdf []byte) error {
		if !bytes.Contains(pdf, []byte("\nsigned by archivist")) {
			return errors.New("signature does not verify")
		}
		return nil
	}
	br, err := archive.VerifyBag(dir, check)
	if err != nil || !br.Valid() || len(br.Records) != 2 {
		t.Fatalf("%v %+v", err, br)
	}
	for _, c := range br.Records {
		if c.Signature != bagit.Passed || c.Code == "" {
			t.Errorf("%+v", c)
		}
	}
	if br, _ := archive.VerifyBag(dir, nil); br.Records[0].Signature != bagit.Skipped || !br.Valid() {
		t.Errorf("without a check: %+v", br.Records[0])
	}
	// a PDF replaced by another, with the bag's manifests made to match:
	// the bag verifies, the record does not
	rec, _ := st.Get(ctx, e.users["archivist"], strconv.FormatInt(ids[0], 10))
	pdf := filepath.Join(dir, "data", rec.Code, rec.Code+".pdf")
	os.WriteFile(pdf, []byte("%PDF-1.7 another\nsigned by someone"), 0o600)
	rebag(t, dir)
	br, _ = archive.VerifyBag(dir, check)
	if !br.Bag.Valid() || br.Valid() {
		t.Fatalf("bag valid %v, records valid %v", br.Bag.Valid(), br.Valid())
	}
	if c := br.Records[0]; !slices.Contains(c.Problems, archive.PDFHash) || !slices.Contains(c.Problems, archive.SignatureFailed) {
		t.Errorf("%+v", c)
	}
}

// rebag rewrites a bag's manifests for what its payload now is.
func rebag(t *testing.T, dir string) {
	t.Helper()
	var files []bagit.File
	filepath.WalkDir(filepath.Join(dir, "data"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(filepath.Join(dir, "data"), p)
			files = append(files, bagit.File{Path: filepath.ToSlash(rel), Data: b})
		}
		return nil
	})
	r, _ := bagit.Verify(dir)
	os.RemoveAll(dir)
	if err := bagit.Write(dir, files, bagit.Info{ExternalIdentifiers: r.Values(bagit.LabelExternalIdentifier)}); err != nil {
		t.Fatal(err)
	}
}

func TestExportPDFs(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	st, ids := sealed(t, e, fakePDF{})
	arch := e.users["archivist"]
	dir := filepath.Join(t.TempDir(), "PDF 导出")
	paths, err := st.ExportPDFs(ctx, arch, append(ids, ids[0]), dir)
	if err != nil || len(paths) != 2 {
		t.Fatalf("%v %v", paths, err)
	}
	for i, id := range ids {
		rec, _ := st.Get(ctx, arch, strconv.FormatInt(id, 10))
		if filepath.Base(paths[i]) != rec.Code+".pdf" {
			t.Errorf("name %s for %s", paths[i], rec.Code)
		}
		if got, _ := os.ReadFile(paths[i]); !bytes.Equal(got, rec.PDF) {
			t.Errorf("%s: not the record's PDF", paths[i])
		}
	}
	// again into the same place: the same files are already there
	if again, err := st.ExportPDFs(ctx, arch, ids, dir); err != nil || !slices.Equal(again, paths) {
		t.Fatalf("export again: %v %v", again, err)
	}
	os.WriteFile(paths[1], []byte("something else"), 0o600)
	if _, err := st.ExportPDFs(ctx, arch, ids, dir); !errors.Is(err, archive.ErrFileExists) {
		t.Fatalf("over another file: %v", err)
	}
	if got, _ := os.ReadFile(paths[1]); string(got) != "something else" {
		t.Error("the other file was replaced")
	}
	if _, err := os.Stat(paths[0]); err != nil {
		t.Error("a file exported before was removed")
	}
	if es := exports(t, e); len(es) != 2 || !strings.HasPrefix(es[0].Detail, "pdf ") {
		t.Errorf("audit: %+v", es)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestExportRefusals(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	st, ids := sealed(t, e, fakePDF{})
	for _, tc := range []struct {
		name string
		user string
		ids  []int64
		want error
	}{
		{"author", "author", ids, account.ErrForbidden},
		{"secadmin", "secadmin", ids, account.ErrForbidden},
		{"approver (reads the archive, hands nothing over)", "approver3", ids, account.ErrForbidden},
		{"no records", "archivist", nil, archive.ErrNothingToExport},
		{"unknown record", "archivist", []int64{999}, archive.ErrNoRecord},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if err := st.ExportBag(ctx, e.users[tc.user], tc.ids, dir); !errors.Is(err, tc.want) {
				t.Errorf("bag: %v, want %v", err, tc.want)
			}
			if _, err := st.ExportPDFs(ctx, e.users[tc.user], tc.ids, dir); !errors.Is(err, tc.want) {
				t.Errorf("pdf: %v, want %v", err, tc.want)
			}
			if _, err := os.Stat(dir); err == nil {
				t.Error("something was written")
			}
		})
	}
	if es := exports(t, e); len(es) != 0 {
		t.Errorf("audited: %+v", es)
	}
}

// TestExportAuditFails: when the audit row cannot be written, the bag or
// the PDF files are taken away again.
func TestExportAuditFails(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	st, ids := sealed(t, e, fakePDF{})
	if _, err := e.w.DB.SQL.Exec(`CREATE TRIGGER no_export BEFORE INSERT ON audit WHEN NEW.action = 'archive.export'
		BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`); err != nil {
		t.Fatal(err)
	}
	parent := t.TempDir()
	if err := st.ExportBag(ctx, e.users["archivist"], ids, filepath.Join(parent, "bag")); err == nil ||
		!strings.Contains(err.Error(), "disk I/O error") {
		t.Fatalf("bag: %v", err)
	}
	if left, _ := os.ReadDir(parent); len(left) != 0 {
		t.Fatalf("left %v", left)
	}
	pdfs := filepath.Join(parent, "pdf")
	if _, err := st.ExportPDFs(ctx, e.users["archivist"], ids, pdfs); err == nil {
		t.Fatal("pdf export without audit")
	}
	if left, _ := os.ReadDir(pdfs); len(left) != 0 {
		t.Fatalf("left %v", left)
	}
}

// fullDisk fails the n-th file written, after writing half of it.
type fullDisk struct {
	bagit.OS
	failAt, n int
}

func (f *fullDisk) WriteFile(name string, data []byte) error {
	f.n++
	if f.n-1 == f.failAt {
		os.WriteFile(name, data[:len(data)/2], 0o600)
		return syscall.ENOSPC
	}
	return f.OS.WriteFile(name, data)
}

func TestExportDiskFull(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	st, ids := sealed(t, e, fakePDF{})
	for at := 0; ; at++ { // every file of the bag in turn, until the disk has room enough
		parent := t.TempDir()
		disk := &fullDisk{failAt: at}
		err := archive.Export{Store: st, FS: disk}.Bag(ctx, e.users["archivist"], ids, filepath.Join(parent, "bag"))
		if at >= disk.n {
			if at != 15 { // 4 files a record, bagit.txt, bag-info.txt, 3 manifests, 2 tag manifests
				t.Errorf("%d files written", disk.n)
			}
			if err != nil {
				t.Fatalf("with room enough: %v", err)
			}
			break
		}
		if !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("file %d: %v", at, err)
		}
		if left, _ := os.ReadDir(parent); len(left) != 0 {
			t.Fatalf("file %d: left %v", at, left)
		}
		pdfs := filepath.Join(parent, "pdf")
		if _, err := (archive.Export{Store: st, FS: &fullDisk{failAt: at % 2}}).PDFs(ctx, e.users["archivist"], ids, pdfs); !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("pdf %d: %v", at%2, err)
		}
		if left, _ := os.ReadDir(pdfs); len(left) != 0 {
			t.Fatalf("pdf %d: left %v", at%2, left)
		}
	}
	if es := exports(t, e); len(es) != 1 {
		t.Errorf("audit rows %d, want the one export that succeeded", len(es))
	}
}

func TestSafeName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Z001-WS·2026-D10-0001", "Z001-WS·2026-D10-0001"},
		{`A/B\C:D*E?F"G<H>I|J`, "A_B_C_D_E_F_G_H_I_J"},
		{"行\n尾 . ", "行_尾"},
		{"CON", "_CON"}, {"nul.txt", "_nul.txt"}, {"..", "_"}, {"", "_"},
		{"关于春节期间政务服务大厅开放安排的通知.docx", "关于春节期间政务服务大厅开放安排的通知.docx"},
	} {
		if got := archive.SafeName(tc.in); got != tc.want {
			t.Errorf("SafeName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

const crashChild = "SHENFA_EXPORT_CRASH_CHILD"

// TestExportCrashChild is the child of TestExportCrash: it exports a bag
// and is killed somewhere along the way.
func TestExportCrashChild(t *testing.T) {
	spec := os.Getenv(crashChild)
	if spec == "" {
		t.Skip("run by TestExportCrash")
	}
	parts := strings.Split(spec, "|")
	w, err := review.Open(parts[0], cheap)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	sess, err := w.Accounts.SignIn(context.Background(), "archivist", "Archivist@2026")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, s := range strings.Split(parts[2], ",") {
		id, _ := strconv.ParseInt(s, 10, 64)
		ids = append(ids, id)
	}
	st := archive.New(w.DB, w.Accounts, w.Drafts, nil, nil)
	fmt.Println("start")
	if err := st.ExportBag(context.Background(), sess, ids, parts[1]); err != nil {
		t.Fatal(err)
	}
	fmt.Println("done")
}

// TestExportCrash kills an exporting child with SIGKILL at random moments,
// many times: what is at the bag's name afterwards is nothing or the whole
// bag, never a partial bag.
func TestExportCrash(t *testing.T) {
	if os.Getenv(crashChild) != "" {
		t.Skip("in the child")
	}
	e := newEnv(t)
	_, ids := sealed(t, e, bigPDF{})
	work := t.TempDir()
	var idList []string
	for _, id := range ids {
		idList = append(idList, strconv.FormatInt(id, 10))
	}
	run := func(target string, kill time.Duration) (bool, time.Duration) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestExportCrashChild$", "-test.v")
		cmd.Env = append(os.Environ(), crashChild+"="+e.w.DB.Path+"|"+target+"|"+strings.Join(idList, ","))
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		started, done := time.Time{}, false
		for lines.Scan() {
			if lines.Text() == "start" {
				started = time.Now()
				if kill >= 0 {
					time.AfterFunc(kill, func() { cmd.Process.Kill() })
				}
			}
			done = done || lines.Text() == "done"
		}
		cmd.Wait()
		return done, time.Since(started)
	}
	reference := filepath.Join(work, "reference")
	done, took := run(reference, -1)
	if !done {
		t.Fatal("the child does not export")
	}
	want, _ := os.ReadFile(filepath.Join(reference, "manifest-sha256.txt"))
	rounds := 40
	if testing.Short() {
		rounds = 8
	}
	var absent, whole int
	for i := range rounds {
		target := filepath.Join(work, fmt.Sprintf("bag-%d", i))
		kill := time.Duration(rand.Int64N(int64(took) * 6 / 5))
		run(target, kill)
		if _, err := os.Stat(target); errors.Is(err, os.ErrNotExist) {
			absent++
			continue
		}
		r, err := bagit.Verify(target)
		got, _ := os.ReadFile(filepath.Join(target, "manifest-sha256.txt"))
		if err != nil || !r.Valid() || !bytes.Equal(got, want) {
			t.Fatalf("killed after %v: a partial bag at %s: %v %v", kill, target, err, r.Errors())
		}
		whole++
	}
	partial, _ := filepath.Glob(filepath.Join(work, ".bag-*.partial-*"))
	t.Logf("export takes %v; %d kills: %d left nothing at the name, %d the whole bag; %d partial directories left hidden",
		took, rounds, absent, whole, len(partial))
	if absent == 0 {
		t.Error("no kill landed during the export: the test proves nothing")
	}
}
