package cli

import (
	"context"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"shenfa/app/i18n"
	"shenfa/archive/pki"
	"shenfa/review"
)

type caJSON struct {
	ID          int64    `json:"id"`
	Subject     string   `json:"subject"`
	Serial      string   `json:"serial"`
	SHA256      string   `json:"sha256"`
	NotBefore   string   `json:"not_before"`
	NotAfter    string   `json:"not_after"`
	CreatedAt   string   `json:"created_at"`
	CreatedBy   string   `json:"created_by"`
	Current     bool     `json:"current"`
	RetiredAt   string   `json:"retired_at"`
	Reason      string   `json:"reason"`
	Holders     []string `json:"holders"`
	Certificate string   `json:"certificate"` // PEM
}

type certJSON struct {
	ID        int64  `json:"id"`
	User      string `json:"user"`
	FullName  string `json:"full_name"`
	Subject   string `json:"subject"`
	Serial    string `json:"serial"`
	CA        int64  `json:"ca"`
	NotAfter  string `json:"not_after"`
	IssuedAt  string `json:"issued_at"`
	IssuedBy  string `json:"issued_by"`
	RetiredAt string `json:"retired_at"`
	Usable    bool   `json:"usable"`
}

func caStamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// caList prints every CA and every certificate ever issued.
func (c *ctx) caList(ctx context.Context, p *pki.Store, _ *review.Workspace, asJSON bool) int {
	cas, err := p.CAs(ctx)
	if err != nil {
		return c.fail(err)
	}
	certs, err := p.Certificates(ctx)
	if err != nil {
		return c.fail(err)
	}
	if asJSON {
		out := struct {
			CAs          []caJSON   `json:"cas"`
			Certificates []certJSON `json:"certificates"`
		}{[]caJSON{}, []certJSON{}}
		for _, ca := range cas {
			out.CAs = append(out.CAs, caJSON{ID: ca.ID, Subject: ca.Cert.Subject.String(),
				Serial: fmt.Sprintf("%X", ca.Cert.SerialNumber), SHA256: certFingerprint(ca.Cert),
				NotBefore: caStamp(ca.Cert.NotBefore), NotAfter: caStamp(ca.Cert.NotAfter), CreatedAt: caStamp(ca.CreatedAt),
				CreatedBy: ca.CreatedBy, Current: ca.Current(), RetiredAt: caStamp(ca.RetiredAt), Reason: ca.Reason,
				Holders: append([]string{}, ca.Holders...), Certificate: pemOf(ca.Cert.Raw)})
		}
		for _, x := range certs {
			out.Certificates = append(out.Certificates, certJSON{ID: x.ID, User: x.User, FullName: x.FullName,
				Subject: x.Cert.Subject.String(), Serial: fmt.Sprintf("%X", x.Cert.SerialNumber), CA: x.CAID,
				NotAfter: caStamp(x.Cert.NotAfter), IssuedAt: caStamp(x.IssuedAt), IssuedBy: x.IssuedBy,
				RetiredAt: caStamp(x.RetiredAt), Usable: x.Usable})
		}
		return c.writeJSON(out)
	}
	for _, ca := range cas {
		state := i18n.L("cli.ca.state_current")
		if !ca.Current() {
			state = i18n.L("cli.ca.state_retired")
		}
		c.printf("%s\n", i18n.L("cli.ca.row_ca", map[string]any{"ID": ca.ID, "Name": ca.Cert.Subject.CommonName,
			"State": state, "Until": ca.Cert.NotAfter.Format("2006-01-02"), "Fingerprint": certFingerprint(ca.Cert),
			"Holders": c.caNames(ca.Holders)}))
	}
	for _, x := range certs {
		state := i18n.L("cli.ca.state_usable")
		if !x.Usable {
			state = i18n.L("cli.ca.state_unusable")
		}
		c.printf("%s\n", i18n.L("cli.ca.row_cert", map[string]any{"User": x.User, "Name": x.FullName,
			"Roles": strings.Join(x.Cert.Subject.OrganizationalUnit, "、"), "Serial": fmt.Sprintf("%X", x.Cert.SerialNumber),
			"CA": x.CAID, "Issued": x.IssuedAt.Local().Format("2006-01-02 15:04"), "By": x.IssuedBy, "State": state}))
	}
	c.printf("%s\n", i18n.L("cli.ca.count", map[string]any{"CAs": len(cas), "Certificates": len(certs)}))
	return ExitOK
}

func pemOf(der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
