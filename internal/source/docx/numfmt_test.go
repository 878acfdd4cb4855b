package docx

import "testing"

func TestFormatNumber(t *testing.T) {
	for _, c := range []struct {
		n      int
		format string
		want   string
	}{
		{1, "decimal", "1"},
		{7, "decimalZero", "07"},
		{12, "decimalFullWidth", "１２"},
		{3, "decimalEnclosedCircle", "③"},
		{21, "decimalEnclosedCircleChinese", "㉑"},
		{51, "decimalEnclosedCircle", "51"},
		{2, "decimalEnclosedParen", "⑵"},
		{2, "decimalEnclosedFullstop", "⒉"},
		{28, "upperLetter", "BB"},
		{3, "lowerLetter", "c"},
		{14, "upperRoman", "XIV"},
		{9, "lowerRoman", "ix"},
		{1, "chineseCounting", "一"},
		{10, "chineseCounting", "十"},
		{11, "chineseCounting", "十一"},
		{20, "chineseCounting", "二十"},
		{30, "chineseCountingThousand", "三十"},
		{101, "chineseCountingThousand", "一百零一"},
		{110, "taiwaneseCountingThousand", "一百一十"},
		{1010, "chineseCounting", "一千零一十"},
		{23, "chineseLegalSimplified", "贰拾叁"},
		{2024, "ideographDigital", "二〇二四"},
		{3, "ideographTraditional", "丙"},
		{11, "ideographTraditional", "11"},
		{2, "ideographZodiac", "丑"},
		{1, "ideographEnclosedCircle", "㊀"},
		{1, "ideographParenthesized", "㈠"},
		{5, "none", ""},
		{5, "hebrew1", "5"},
	} {
		if got := formatNumber(c.n, c.format); got != c.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", c.n, c.format, got, c.want)
		}
	}
}
