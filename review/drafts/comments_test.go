package drafts

import (
	"context"
	"errors"
	"testing"
)

func TestComments(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	id := signedOnce(e)
	text := []rune(cleanText)
	at := len([]rune("市政务服务中心将于"))
	c1, err := e.s.AddComment(ctx, e.users["head"], id, 1, at, at+3, "请核实具体日期", true)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := e.s.AddComment(ctx, e.users["head"], id, 1, 1, 7, "单位名称用全称", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.AddComment(ctx, e.users["head"], id, 1, 5, len(text)+1, "越界", false); !errors.Is(err, ErrCommentSpan) {
		t.Fatalf("span outside the text: %v", err)
	}
	if _, err := e.s.AddComment(ctx, e.users["author2"], id, 1, 0, 1, "路过", false); !errors.Is(err, ErrMayNotComment) {
		t.Fatalf("a stranger comments: %v", err)
	}
	if err := e.sign("head", id, Approve); !isOpenComments(err) {
		t.Fatalf("approve with an open 必须处理 comment: %v", err)
	}
	e.mustSign("head", id, Return, opinion("请按批注修改。"))
	if _, err := e.s.Reply(ctx, e.users["author"], c1, "已核实，为本周六"); err != nil {
		t.Fatal(err)
	}
	if err := e.s.Resolve(ctx, e.users["author"], c1); !errors.Is(err, ErrNotOpener) {
		t.Fatalf("the author resolves the head's comment: %v", err)
	}
	// v2 keeps the commented date and rewrites the unit's name.
	const v2text = "江城市政务大厅将于本周六开放延时服务，方便上班族办理业务。"
	if _, err := e.revise("author", id, v2text); err != nil {
		t.Fatal(err)
	}
	cs, err := e.s.Comments(ctx, id, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || len(cs[0].Replies) != 1 {
		t.Fatalf("threads on v2: %+v", cs)
	}
	v2 := []rune(v2text)
	for _, c := range cs {
		switch c.ID {
		case c1:
			if c.Changed || string(v2[c.Start:c.End]) != "本周六" {
				t.Errorf("carried comment: %+v", c)
			}
		case c2:
			if !c.Changed {
				t.Errorf("the commented text changed, the comment should say so: %+v", c)
			}
		}
	}
	if err := e.s.Resolve(ctx, e.users["head"], c1); err != nil {
		t.Fatal(err)
	}
	e.submit("author", id)
	e.mustSign("editor", id, Approve)
	e.mustSign("head", id, Approve)
}

func isOpenComments(err error) bool {
	var o *OpenCommentsError
	return errors.As(err, &o) && len(o.IDs) == 1
}
