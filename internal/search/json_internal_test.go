package search

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "应急", "yjj", `"</script>&'`, "a\\b\n\r\t\b\f\x00\x1f", "\u2028\u2029", "\xff\xfe坏", "ok\x7f"} {
		want, _ := json.Marshal(s)
		var got bytes.Buffer
		appendJSONString(&got, s)
		if got.String() != string(want) {
			t.Errorf("%q: got %s, want %s", s, got.String(), want)
		}
	}
}
