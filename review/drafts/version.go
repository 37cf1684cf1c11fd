package drafts

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/emmansun/gmsm/sm3"

	"shenfa/sensitive"
	"shenfa/sensitive/importer"
	"shenfa/sensitive/lexicon"
)

// Source is what a version is made from: an original file, or pasted text
// when FileName is empty.
type Source struct {
	FileName string
	Data     []byte
	Note     string // 修订说明, optional
}

// PastedName is the file name recorded for pasted text.
const PastedName = "粘贴文本.txt"

// Version is one immutable revision of a draft.
type Version struct {
	Draft     int64
	Number    int
	AuthorID  int64
	Author    string // sign-in name
	CreatedAt time.Time
	Note      string
	Text      string // the checked plain text
	File      []byte // the original file's bytes
	FileName  string
	Report    Report
	Check     CheckResult
	TextSM3   string
	FileSM3   string
	Damaged   bool
}

// Report is what the import found besides the text: the parts of a .docx a
// reviewer must see (hidden text, tracked deletions, comments, properties).
type Report struct {
	Format     importer.Format     `json:"format"`
	Encoding   string              `json:"encoding"`
	Chars      int                 `json:"chars"`
	Damaged    []int               `json:"damaged,omitempty"`
	Sections   []importer.Section  `json:"sections,omitempty"`
	Marks      []importer.Mark     `json:"marks,omitempty"`
	Properties []importer.Property `json:"properties,omitempty"`
	Links      []importer.Link     `json:"links,omitempty"`
}

// CheckResult is a version's check: the findings and the lexicons used.
type CheckResult struct {
	Lexicons []lexicon.Version   `json:"lexicons"`
	Findings []sensitive.Finding `json:"findings"`
}

// made is a version ready to store.
type made struct {
	text, fileName, report, check, textSM3, fileSM3 string
	file                                            []byte
	damaged                                         bool
	findings                                        []sensitive.Finding
}

// make imports and checks src, off any transaction: both take time.
func (s *Store) make(ctx context.Context, src Source) (made, error) {
	name, data := src.FileName, src.Data
	if name == "" {
		name = PastedName
	}
	doc, err := importer.Import(name, data)
	if err != nil {
		return made{}, err
	}
	if strings.TrimSpace(doc.Text) == "" {
		return made{}, ErrEmptyText
	}
	c, err := s.checker(ctx)
	if err != nil {
		return made{}, fmt.Errorf("checker: %w", err)
	}
	res := c.Check(doc.Text)
	rep, err := json.Marshal(Report{Format: doc.Format, Encoding: doc.Encoding, Chars: res.Chars, Damaged: doc.Damaged,
		Sections: doc.Sections, Marks: doc.Marks, Properties: doc.Properties, Links: doc.Links})
	if err != nil {
		return made{}, err
	}
	chk, err := json.Marshal(CheckResult{Lexicons: res.Lexicons, Findings: res.Findings})
	if err != nil {
		return made{}, err
	}
	return made{text: doc.Text, fileName: doc.Name, file: data, report: string(rep), check: string(chk),
		textSM3: SM3([]byte(doc.Text)), fileSM3: SM3(data), damaged: len(doc.Damaged) > 0, findings: res.Findings}, nil
}

// SM3 is the hex SM3 hash of data.
func SM3(data []byte) string {
	h := sm3.Sum(data)
	return hex.EncodeToString(h[:])
}

func (s *Store) insertVersion(ctx context.Context, tx *sql.Tx, draft int64, number int, author int64, note string, m made) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO versions(draft_id, number, author_id, created_at, note, text, file,
		file_name, report, check_result, text_sm3, file_sm3, damaged) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		draft, number, author, s.stamp(), strings.TrimSpace(note), m.text, m.file, m.fileName, m.report, m.check,
		m.textSM3, m.fileSM3, m.damaged)
	if err != nil {
		return fmt.Errorf("store version %d of draft %d: %w", number, draft, err)
	}
	return nil
}

// Version returns one version of a draft with its text, file and check.
func (s *Store) Version(ctx context.Context, draft int64, number int) (Version, error) {
	return loadVersion(ctx, s.db.SQL, draft, number)
}

func loadVersion(ctx context.Context, q Querier, draft int64, number int) (Version, error) {
	v := Version{Draft: draft, Number: number}
	var created, rep, chk string
	err := q.QueryRowContext(ctx, `SELECT v.author_id, u.name, v.created_at, v.note, v.text, v.file, v.file_name,
		v.report, v.check_result, v.text_sm3, v.file_sm3, v.damaged FROM versions v JOIN users u ON u.id = v.author_id
		WHERE v.draft_id = ? AND v.number = ?`, draft, number).Scan(&v.AuthorID, &v.Author, &created, &v.Note, &v.Text,
		&v.File, &v.FileName, &rep, &chk, &v.TextSM3, &v.FileSM3, &v.Damaged)
	if err == sql.ErrNoRows {
		return v, ErrNotFound
	}
	if err != nil {
		return v, fmt.Errorf("load version %d of draft %d: %w", number, draft, err)
	}
	v.CreatedAt, _ = time.Parse(timeFormat, created)
	if err := json.Unmarshal([]byte(rep), &v.Report); err != nil {
		return v, fmt.Errorf("version %d of draft %d: import report: %w", number, draft, err)
	}
	if err := json.Unmarshal([]byte(chk), &v.Check); err != nil {
		return v, fmt.Errorf("version %d of draft %d: check result: %w", number, draft, err)
	}
	return v, nil
}

// VersionInfo is a version without its text and file, for lists.
type VersionInfo struct {
	Number    int
	Author    string
	CreatedAt time.Time
	Note      string
	FileName  string
	TextSM3   string
	FileSM3   string
	Chars     int
}

// Versions lists a draft's versions, oldest first.
func (s *Store) Versions(ctx context.Context, draft int64) ([]VersionInfo, error) {
	rows, err := s.db.SQL.QueryContext(ctx, `SELECT v.number, u.name, v.created_at, v.note, v.file_name, v.text_sm3,
		v.file_sm3, length(v.text) FROM versions v JOIN users u ON u.id = v.author_id WHERE v.draft_id = ? ORDER BY v.number`, draft)
	if err != nil {
		return nil, fmt.Errorf("list versions of draft %d: %w", draft, err)
	}
	defer rows.Close()
	var vs []VersionInfo
	for rows.Next() {
		var v VersionInfo
		var created string
		if err := rows.Scan(&v.Number, &v.Author, &created, &v.Note, &v.FileName, &v.TextSM3, &v.FileSM3, &v.Chars); err != nil {
			return nil, err
		}
		v.CreatedAt, _ = time.Parse(timeFormat, created)
		vs = append(vs, v)
	}
	return vs, rows.Err()
}
