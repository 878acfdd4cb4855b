package jsonquote

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestStringMatchesEncodingJSON(t *testing.T) {
	cases := []string{"", "应急", "yjj", `"</script>&'`, "a\\b\n\r\t\b\f\x00\x1f", "\u2028\u2029", "\xff\xfe坏", "ok\x7f", "混合<b>\u2028\xc3"}
	for _, s := range cases {
		for _, html := range []bool{true, false} {
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(html)
			enc.Encode(s)
			var got bytes.Buffer
			String(&got, s, html)
			if got.String()+"\n" != want.String() {
				t.Errorf("%q (html %v): got %s, want %s", s, html, got.String(), want.String())
			}
		}
	}
}
