package lm

import "shenfa/assets"

func assetsWords() []byte { return assets.Words }
