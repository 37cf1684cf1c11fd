// Package locale settles the locale environment before Fyne reads it.
//
// Fyne's lang package looks the user's locale up while the program is
// initialised, before main runs, and logs "Fyne error: Error parsing user
// locale C" for LANG=C.UTF-8 (and C.utf8, POSIX.UTF-8…), because "C" is not
// a language tag. Shenfa never takes its language from the system locale
// (Simplified Chinese unless SHENFA_LANG or the settings say English), so it
// names that language in LANGUAGE, which the locale library prefers.
//
// The package imports only syscall on purpose: Go initialises packages in
// import-path order among those whose imports are ready, so "shenfa/…",
// which needs nothing beyond syscall, runs before "time" and therefore
// before os, log and Fyne. Do not add imports here.
package locale

import "syscall"

func init() { Settle(syscall.Getenv, syscall.Setenv) }

// Tag returns the LANGUAGE value for Shenfa's language: "en" when
// SHENFA_LANG=en, otherwise "zh_Hans".
func Tag(getenv func(string) (string, bool)) string {
	if v, _ := getenv("SHENFA_LANG"); v == "en" {
		return "en"
	}
	return "zh_Hans"
}

// Settle sets LANGUAGE to Shenfa's language. Where LC_ALL, LC_MESSAGES or
// LANG is plain "C" or "POSIX" the locale library ignores LANGUAGE and finds
// no locale, which is harmless; any other value of theirs yields to it.
func Settle(getenv func(string) (string, bool), setenv func(string, string) error) {
	_ = setenv("LANGUAGE", Tag(getenv)) // a failure leaves the environment as it was: only a log line is at stake
}
