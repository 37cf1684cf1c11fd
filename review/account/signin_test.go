package account_test

import (
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
	"testing"
	"time"

	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/smx509"

	"shenfa/review/account"
	"shenfa/review/audit"
)

func TestLockoutAndUnlock(t *testing.T) {
	f := newFixture(t)
	sys, sec, _ := f.setup()
	id := f.user(sys, sec, "editor", account.Author)
	for i := 1; i < account.DefaultPolicy.MaxFailures; i++ {
		if _, err := f.store.SignIn(f.ctx, "editor", "wrong"); !errors.Is(err, account.ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i, err)
		}
	}
	_, err := f.store.SignIn(f.ctx, "editor", "wrong")
	var locked *account.LockedError
	if !errors.As(err, &locked) || !locked.Until.Equal(f.now.Add(15*time.Minute)) {
		t.Fatalf("5th failure = %v, want locked for 15 minutes", err)
	}
	if _, err := f.store.SignIn(f.ctx, "editor", "Start-pw-1"); !errors.As(err, &locked) {
		t.Fatalf("right password while locked = %v, want LockedError", err)
	}
	f.now = f.now.Add(16 * time.Minute)
	f.signIn("editor", "Start-pw-1")

	for range account.DefaultPolicy.MaxFailures {
		f.store.SignIn(f.ctx, "editor", "wrong")
	}
	if err := f.store.Unlock(f.ctx, sys, id); err != nil {
		t.Fatal(err)
	}
	f.signIn("editor", "Start-pw-1")
	want := map[string]bool{audit.ActionSignInFail: true, audit.ActionLockout: true, audit.ActionUnlock: true}
	for _, a := range f.actions() {
		delete(want, a)
	}
	if len(want) > 0 {
		t.Fatalf("audit trail lacks %v", want)
	}
}

func TestLockoutFollowsPolicy(t *testing.T) {
	f := newFixture(t)
	_, sec, _ := f.setup()
	p := account.DefaultPolicy
	p.MaxFailures, p.LockoutMinutes = 3, 60
	if err := f.store.SetPolicy(f.ctx, sec, p); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		_, err := f.store.SignIn(f.ctx, "aud", "wrong")
		var locked *account.LockedError
		if errors.As(err, &locked) && !locked.Until.Equal(f.now.Add(time.Hour)) {
			t.Fatalf("locked until %v", locked.Until)
		}
	}
	if _, err := f.store.SignIn(f.ctx, "aud", "Aud-pass-1"); err == nil {
		t.Fatal("not locked after 3 failures with MaxFailures=3")
	}
	p.MinLength = 4
	if err := f.store.SetPolicy(f.ctx, sec, p); !errors.Is(err, account.ErrBadPolicy) {
		t.Fatalf("min length 4 accepted: %v", err)
	}
}

func TestDisabledAndUnknownUsers(t *testing.T) {
	f := newFixture(t)
	sys, sec, _ := f.setup()
	id := f.user(sys, sec, "editor")
	if err := f.store.SetDisabled(f.ctx, sys, id, true); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.SignIn(f.ctx, "editor", "Start-pw-1"); !errors.Is(err, account.ErrDisabled) {
		t.Fatalf("disabled sign-in = %v", err)
	}
	if _, err := f.store.SignIn(f.ctx, "nobody", "x"); !errors.Is(err, account.ErrBadCredentials) {
		t.Fatalf("unknown user = %v", err)
	}
}

func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		pw string
		ok bool
	}{
		{"Abcdef1!", true}, {"abcdefg1", false}, {"Abc1!", false}, {"密码密码Abc12", true}, {"ABCDEFGH", false},
	}
	for _, tt := range tests {
		if err := account.DefaultPolicy.Accepts(tt.pw); (err == nil) != tt.ok {
			t.Errorf("Accepts(%q) = %v", tt.pw, err)
		}
	}
}

// sign proves a key works by signing and verifying with its public half.
func sign(t *testing.T, priv *sm2.PrivateKey, pub []byte) {
	t.Helper()
	sig, err := priv.Sign(rand.Reader, []byte("稿件 v3"), sm2.DefaultSM2SignerOpts)
	if err != nil {
		t.Fatal(err)
	}
	key, err := smx509.ParsePKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	if !sm2.VerifyASN1WithSM2(key.(*ecdsa.PublicKey), nil, []byte("稿件 v3"), sig) {
		t.Fatal("signature does not verify with the stored public key")
	}
}

func TestKeyWrapChangeAndReset(t *testing.T) {
	f := newFixture(t)
	sys, sec, _ := f.setup()
	id := f.user(sys, sec, "editor", account.Approver1)
	ed := f.signIn("editor", "Start-pw-1")
	if !ed.User.MustChange {
		t.Fatal("a new account need not change its password")
	}
	priv, _, err := f.store.SigningKey(f.ctx, ed, "Start-pw-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.store.SigningKey(f.ctx, ed, "Wrong-pw-1"); err == nil {
		t.Fatal("key unwrapped with a wrong password")
	}
	if err := f.store.ChangePassword(f.ctx, ed, "Start-pw-1", "Second-pw-2"); err != nil {
		t.Fatal(err)
	}
	again, _, err := f.store.SigningKey(f.ctx, ed, "Second-pw-2")
	if err != nil || !again.Equal(priv) {
		t.Fatalf("password change lost the key: %v", err)
	}
	if _, _, err := f.store.SigningKey(f.ctx, ed, "Start-pw-1"); err == nil {
		t.Fatal("old password still unwraps the key")
	}
	if err := f.store.ResetPassword(f.ctx, sys, id, "Reset-pw-3"); err != nil {
		t.Fatal(err)
	}
	fresh, _, err := f.store.SigningKey(f.ctx, ed, "Reset-pw-3")
	if err != nil || fresh.Equal(priv) {
		t.Fatalf("reset must issue a new key: %v", err)
	}
	keys, err := f.store.PublicKeys(f.ctx, id)
	if err != nil || len(keys) != 2 || !keys[0].Retired || keys[1].Retired {
		t.Fatalf("keys after reset = %+v, %v", keys, err)
	}
	sign(t, priv, keys[0].DER)
	sign(t, fresh, keys[1].DER)
	if u, _ := f.store.Get(f.ctx, id); !u.MustChange {
		t.Fatal("after a reset the user must change the password")
	}
}
