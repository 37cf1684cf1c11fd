package sensitive

import "testing"

// WithoutModel leaves out only the statistical typo model: a typo the model
// finds goes, a listed one and every other category stay.
func TestWithoutModel(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	text := "各部门要未雨稠缪，做好防汛准备。要一以惯之地抓好落实，联系电话13812345678。"
	rules := func(c *Checker) map[string]bool {
		got := map[string]bool{}
		for _, f := range c.Check(text).Findings {
			got[f.Rule] = true
		}
		return got
	}
	with, without := rules(c), rules(c.WithoutModel())
	if !with["typo.model"] || without["typo.model"] {
		t.Errorf("typo.model with the model %v, without %v", with["typo.model"], without["typo.model"])
	}
	for r := range with {
		if r != "typo.model" && !without[r] {
			t.Errorf("%s is lost without the model", r)
		}
	}
	if !rules(c)["typo.model"] {
		t.Error("WithoutModel changed the checker it was called on")
	}
}
