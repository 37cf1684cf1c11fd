package account_test

import (
	"testing"

	"shenfa/review/account"
)

// BenchmarkSignIn measures a sign-in with the production argon2id cost
// (target: about 0.5 s, most of it argon2).
func BenchmarkSignIn(b *testing.B) {
	f := newFixture(b)
	f.store = account.New(f.db)
	if err := f.store.Setup(f.ctx, admins); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := f.store.SignIn(f.ctx, "aud", "Aud-pass-1"); err != nil {
			b.Fatal(err)
		}
	}
}
