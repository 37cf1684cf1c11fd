package check

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"shenfa/review/account"
	"shenfa/review/audit"
)

// trail is the audit trail as one verification run sees it: every row in
// seq order, an index of the words of each row's target and detail (so
// that the rows naming a 档号 are found without a scan per record), the
// chain's verification, and who held which role when.
type trail struct {
	rows   []audit.Entry
	bySeq  map[int64]int
	words  map[string][]int // word of target or detail → row indexes
	target map[string][]int // exact target → row indexes
	verify audit.Report
	roles  map[string][]account.Role // sign-in name → roles held now
	grants map[string][]audit.Entry  // sign-in name → role.grant / role.revoke rows, in order
}

// loadTrail reads the audit trail once for a run.
func (c *Checker) loadTrail(ctx context.Context) (*trail, error) {
	rows, err := audit.List(ctx, c.db, audit.Filter{})
	if err != nil {
		return nil, err
	}
	slices.Reverse(rows)
	t := &trail{rows: rows, bySeq: map[int64]int{}, words: map[string][]int{}, target: map[string][]int{},
		roles: map[string][]account.Role{}, grants: map[string][]audit.Entry{}}
	for i, r := range rows {
		t.bySeq[r.Seq] = i
		t.target[r.Target] = append(t.target[r.Target], i)
		seen := map[string]bool{}
		for _, w := range words(r.Target + " " + r.Detail) {
			if !seen[w] {
				seen[w] = true
				t.words[w] = append(t.words[w], i)
			}
		}
		if r.Action == audit.ActionRoleGrant || r.Action == audit.ActionRoleRevoke {
			t.grants[r.Target] = append(t.grants[r.Target], r)
		}
	}
	if t.verify, err = audit.Verify(ctx, c.db); err != nil {
		return nil, err
	}
	return t, c.loadRoles(ctx, t)
}

func (c *Checker) loadRoles(ctx context.Context, t *trail) error {
	rows, err := c.db.QueryContext(ctx, `SELECT u.name, r.role FROM user_roles r JOIN users u ON u.id = r.user_id`)
	if err != nil {
		return fmt.Errorf("read roles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, role string
		if err := rows.Scan(&name, &role); err != nil {
			return err
		}
		t.roles[name] = append(t.roles[name], account.Role(role))
	}
	return rows.Err()
}

// words splits audit text where a 档号 or a draft reference can end.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || strings.ContainsRune(",;，；、()（）[]【】<>《》\"'“”=", r)
	})
}

// naming returns the rows whose target or detail names code as a word.
func (t *trail) naming(code string) []audit.Entry {
	var out []audit.Entry
	for _, i := range t.words[code] {
		out = append(out, t.rows[i])
	}
	return out
}

// about returns the rows whose target is exactly target.
func (t *trail) about(target string) []audit.Entry {
	var out []audit.Entry
	for _, i := range t.target[target] {
		out = append(out, t.rows[i])
	}
	return out
}

// at returns the row with seq, if the trail has it.
func (t *trail) at(seq int64) (audit.Entry, bool) {
	i, ok := t.bySeq[seq]
	if !ok {
		return audit.Entry{}, false
	}
	return t.rows[i], true
}

// held reports whether user held a role granting p when row seq was
// written: the last grant or revoke before it decides; without one, the
// first after it (a revoke means the role was held until then); without
// any, the roles held now.
func (t *trail) held(user string, p account.Permission, seq int64) bool {
	var roles []account.Role
	for _, r := range account.AllRoles {
		if account.Allows([]account.Role{r}, p) {
			roles = append(roles, r)
		}
	}
	for _, r := range roles {
		if t.heldRole(user, r, seq) {
			return true
		}
	}
	return false
}

func (t *trail) heldRole(user string, role account.Role, seq int64) bool {
	var before, after *audit.Entry
	for i, g := range t.grants[user] {
		if g.Detail != string(role) {
			continue
		}
		if g.Seq < seq {
			before = &t.grants[user][i]
		} else if after == nil {
			after = &t.grants[user][i]
		}
	}
	switch {
	case before != nil:
		return before.Action == audit.ActionRoleGrant
	case after != nil:
		return after.Action == audit.ActionRoleRevoke
	}
	return slices.Contains(t.roles[user], role)
}
