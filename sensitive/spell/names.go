package spell

// surnames are the common Chinese family names (about 300, covering nearly
// everyone): a short correction next to one is too often a person's name.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"

var surnameSet = func() map[rune]bool {
	m := make(map[rune]bool, 320)
	for _, r := range surnames {
		m[r] = true
	}
	return m
}()

// nameNear reports whether the two-character window s at text offset a may
// be part of a person's name: it starts with a surname or follows one.
func nameNear(text, s []rune, a int) bool {
	if len(s) != 2 {
		return false
	}
	return surnameSet[s[0]] || a > 0 && surnameSet[text[a-1]]
}

// foreignChars are characters that mostly spell foreign names (安德烈娅,
// 卡内奥赫湾): a window among them is a transliteration, not a word.
const foreignChars = "斯尔德娅伊亚克特拉纳维贝劳丽莉娜妮芙蒂奥赫兹茨弗普耶姆里塞萨瓦卡洛罗库基杰乌什"

var foreignSet = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range foreignChars {
		m[r] = true
	}
	return m
}()

// foreignNear reports whether text[a:a+l] and a character either side hold
// two or more characters of foreign names.
func foreignNear(text []rune, a, l int) bool {
	n := 0
	for _, r := range text[max(0, a-1):min(len(text), a+l+1)] {
		if foreignSet[r] {
			n++
		}
	}
	return n >= 2
}
