package archive_test

import (
	"slices"
	"testing"

	"shenfa/archive"
	"shenfa/archive/pades"
	"shenfa/archive/record"
	"shenfa/review/drafts"
)

// TestVerifySignOff: each change to a sign-off of a real manifest is caught
// by the check that concerns it.
func TestVerifySignOff(t *testing.T) {
	pdf, _ := demoRecord(t)
	as, err := pades.Attachments(pdf)
	if err != nil {
		t.Fatal(err)
	}
	var m *record.Manifest
	for _, a := range as {
		if a.Name == "manifest.json" {
			if m, err = record.Parse(a.Data); err != nil {
				t.Fatal(err)
			}
		}
	}
	if m == nil || len(m.SignOffs) < 2 {
		t.Fatalf("the demo record's manifest has too few sign-offs: %+v", m)
	}
	for i, so := range m.SignOffs {
		if p := archive.VerifySignOff(m, so); !p.OK() {
			t.Fatalf("sign-off %d of the demo record fails: %+v", i+1, p)
		}
	}
	other := m.SignOffs[1]
	for _, tc := range []struct {
		name   string
		change func(so *record.SignOff)
		want   archive.SignOffProblem
	}{
		{"opinion", func(so *record.SignOff) { so.Opinion += "。" }, archive.SignOffProblem{drafts.RecordChanged, "opinion"}},
		{"signer", func(so *record.SignOff) { so.Signer.Name = "someone" }, archive.SignOffProblem{drafts.RecordChanged, "signer"}},
		{"decision", func(so *record.SignOff) { so.Decision = "return" }, archive.SignOffProblem{drafts.RecordChanged, "decision"}},
		{"signature", func(so *record.SignOff) { so.Signature = other.Signature }, archive.SignOffProblem{Problem: drafts.BadSignature}},
		{"statement", func(so *record.SignOff) { so.Statement = so.Statement[:len(so.Statement)-2] + "0\n" },
			archive.SignOffProblem{Problem: drafts.BadSignature}},
		{"statement format", func(so *record.SignOff) { so.Statement = "signed" }, archive.SignOffProblem{Problem: drafts.BadStatement}},
		{"another key", func(so *record.SignOff) { so.PublicKey = other.PublicKey }, archive.SignOffProblem{Problem: drafts.UnknownKey}},
		{"unreadable key", func(so *record.SignOff) { so.PublicKey = "!!" }, archive.SignOffProblem{drafts.UnknownKey, "public_key"}},
	} {
		so := m.SignOffs[0]
		tc.change(&so)
		if got := archive.VerifySignOff(m, so); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestVerifyChain(t *testing.T) {
	pdf, _ := demoRecord(t)
	as, _ := pades.Attachments(pdf)
	var m *record.Manifest
	for _, a := range as {
		if a.Name == "manifest.json" {
			m, _ = record.Parse(a.Data)
		}
	}
	if m == nil || len(m.SignOffs) < 3 {
		t.Fatal("the demo record's manifest has too few sign-offs")
	}
	sos := m.SignOffs
	for _, tc := range []struct {
		name string
		sos  []record.SignOff
		seq  int
		want drafts.Problem
	}{
		{"as sealed", sos, 0, drafts.NoProblem},
		{"one removed", slices.Delete(slices.Clone(sos), 1, 2), 2, drafts.MissingSignOff},
		{"renumbered after removal", renumber(slices.Delete(slices.Clone(sos), 1, 2)), 2, drafts.BrokenChain},
		{"swapped", renumber([]record.SignOff{sos[1], sos[0]}), 1, drafts.BrokenChain},
	} {
		c := *m
		c.SignOffs = tc.sos
		if seq, p := archive.VerifyChain(&c); seq != tc.seq || p != tc.want {
			t.Errorf("%s: sign-off %d %q, want %d %q", tc.name, seq, p, tc.seq, tc.want)
		}
	}
}

func renumber(sos []record.SignOff) []record.SignOff {
	for i := range sos {
		sos[i].Seq = i + 1
	}
	return sos
}
