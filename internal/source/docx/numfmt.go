package docx

import (
	"strconv"
	"strings"
)

// formatNumber writes n in one of Word's number formats (ST_NumberFormat).
// Formats of other scripts than Chinese and Latin fall back to decimal,
// as Word does where it lacks the glyphs.
func formatNumber(n int, format string) string {
	switch format {
	case "none":
		return ""
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return fullWidth(strconv.Itoa(n))
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		switch {
		case n >= 1 && n <= 20:
			return string(rune(0x2460 + n - 1)) // ①
		case n >= 21 && n <= 35:
			return string(rune(0x3251 + n - 21))
		case n >= 36 && n <= 50:
			return string(rune(0x32B1 + n - 36))
		}
	case "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune(0x2474 + n - 1)) // ⑴
		}
	case "decimalEnclosedFullstop":
		if n >= 1 && n <= 20 {
			return string(rune(0x2488 + n - 1)) // ⒈
		}
	case "upperLetter", "lowerLetter":
		if n >= 1 {
			// Word repeats the letter past Z: AA, BB …
			s := strings.Repeat(string(rune('A'+(n-1)%26)), (n-1)/26+1)
			if format == "lowerLetter" {
				s = strings.ToLower(s)
			}
			return s
		}
	case "upperRoman", "lowerRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if format == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting":
		if n >= 0 && n < 100000 {
			return chineseCounting(n, "〇一二三四五六七八九", "十百千万")
		}
	case "chineseLegalSimplified":
		if n >= 0 && n < 100000 {
			return chineseCounting(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟万")
		}
	case "ideographLegalTraditional", "japaneseLegal":
		if n >= 0 && n < 100000 {
			return chineseCounting(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟萬")
		}
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		if n >= 0 {
			var b strings.Builder
			digits := []rune("〇一二三四五六七八九")
			for _, d := range strconv.Itoa(n) {
				b.WriteRune(digits[d-'0'])
			}
			return b.String()
		}
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "ideographZodiac":
		if n >= 1 && n <= 12 {
			return string([]rune("子丑寅卯辰巳午未申酉戌亥")[n-1])
		}
	case "ideographEnclosedCircle":
		if n >= 1 && n <= 10 {
			return string(rune(0x3280 + n - 1)) // ㊀
		}
	case "ideographParenthesized":
		if n >= 1 && n <= 10 {
			return string(rune(0x3220 + n - 1)) // ㈠
		}
	}
	return strconv.Itoa(n)
}

func fullWidth(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r += '０' - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// chineseCounting writes n below 100000 in Chinese numerals the way
// documents number their parts: 十, 十一, 二十, 一百零一, 一千零十.
func chineseCounting(n int, digits, units string) string {
	d, u := []rune(digits), []rune(units)
	if n == 0 {
		return string(d[0])
	}
	if n >= 10 && n < 20 {
		// 十一, not 一十一, as 第十一条 is written.
		if n == 10 {
			return string(u[0])
		}
		return string(u[0]) + string(d[n-10])
	}
	var b strings.Builder
	place := []int{10000, 1000, 100, 10, 1}
	zero := false
	started := false
	for i, p := range place {
		q := n / p % 10
		if q == 0 {
			if started {
				zero = true
			}
			continue
		}
		if zero {
			b.WriteRune('零') // a gap inside the number, as 一百零一 writes it
			zero = false
		}
		b.WriteRune(d[q])
		if i < 4 {
			b.WriteRune(u[3-i])
		}
		started = true
	}
	return b.String()
}
