package policy

import (
	"slices"
	"testing"

	"shenfa/review/account"
)

const cadenceTable = `
[cadence]
max_days = 10
warn_days = 2

[cadence.channels]
"@江城发布" = 7
"江城政务服务" = 5

[stats]
see_everyone = ["approver3", "approver2"]
`

func TestCadenceAccepted(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		channel  string
		days     int
		from     RuleSource
		warn     int
		everyone []account.Role
	}{
		{"old policy without the tables", base, "江城发布", DefaultCadenceDays, FromDefault, DefaultWarnDays,
			[]account.Role{account.Approver3, account.Archivist}},
		{"policy-wide limit", base + cadenceTable, "江城发布", 10, FromPolicy, 2,
			[]account.Role{account.Approver3, account.Approver2}},
		{"a channel's own limit", base + cadenceTable, "@江城发布", 7, FromChannel, 2, nil},
		{"a channel's limit without a policy-wide one", base + "[cadence.channels]\n\"江城发布\" = 7\n",
			"江城发布", 7, FromChannel, DefaultWarnDays, nil},
		{"other channels keep the default", base + "[cadence.channels]\n\"江城发布\" = 7\n",
			"江城市人民政府网", DefaultCadenceDays, FromDefault, DefaultWarnDays, nil},
		{"nobody sees everyone", base + "[stats]\nsee_everyone = []\n", "江城发布", DefaultCadenceDays,
			FromDefault, DefaultWarnDays, []account.Role{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if d, from := p.CadenceDays(tt.channel); d != tt.days || from != tt.from {
				t.Errorf("CadenceDays(%s) = %d, %s; want %d, %s", tt.channel, d, from, tt.days, tt.from)
			}
			if p.Cadence.WarnDays != tt.warn {
				t.Errorf("warn days %d, want %d", p.Cadence.WarnDays, tt.warn)
			}
			if tt.everyone != nil && !slices.Equal(p.StatsViewers, tt.everyone) {
				t.Errorf("stats viewers %v, want %v", p.StatsViewers, tt.everyone)
			}
		})
	}
}

func TestCadenceRefused(t *testing.T) {
	head := base + "\n[cadence]\n" // [cadence] is on line 32, the next line 33
	tests := []struct {
		name, add string
		want      Error
	}{
		{"zero days", "max_days = 0\n", Error{Line: 33, Key: "cadence.max_days", Value: "0", Reason: ReasonRange}},
		{"over a year", "max_days = 400\n", Error{Line: 33, Key: "cadence.max_days", Value: "400", Reason: ReasonRange}},
		{"days as text", "max_days = \"14\"\n", Error{Line: 33, Key: "cadence.max_days", Reason: ReasonWantInteger}},
		{"negative warning", "warn_days = -1\n", Error{Line: 33, Key: "cadence.warn_days", Value: "-1", Reason: ReasonRange}},
		{"misspelt key", "max_day = 10\n", Error{Line: 33, Key: "cadence.max_day", Reason: ReasonUnknownKey}},
		{"channel limit zero", "[cadence.channels]\n\"江城发布\" = 0\n",
			Error{Line: 34, Key: "cadence.channels.江城发布", Value: "0", Reason: ReasonRange}},
		{"channel limit as text", "[cadence.channels]\n\"江城发布\" = \"7天\"\n",
			Error{Line: 34, Key: "cadence.channels.江城发布", Reason: ReasonWantInteger}},
		{"blank channel name", "[cadence.channels]\n\" \" = 7\n",
			Error{Line: 34, Key: "cadence.channels. ", Value: " ", Reason: ReasonBadChannel}},
		{"the same channel twice once trimmed", "[cadence.channels]\n\"江城发布\" = 7\n\" 江城发布\" = 5\n",
			Error{Line: 35, Key: "cadence.channels. 江城发布", Value: " 江城发布", Reason: ReasonDuplicateKey}},
		{"an administrator sees everyone", "[stats]\nsee_everyone = [\"auditor\"]\n",
			Error{Line: 34, Key: "stats.see_everyone", Value: "auditor", Reason: ReasonBadRole}},
		{"stats as a value", "[stats]\nsee_everyone = \"approver3\"\n",
			Error{Line: 34, Key: "stats.see_everyone", Reason: ReasonWantList}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkRefused(t, []byte(head+tt.add), tt.want) })
	}
}
