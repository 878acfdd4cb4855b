package units

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGuardsKeepMatches checks that no guard rejects a text its pattern
// matches: every clause and name of the shipped notices, with its
// openings and endings, is tried against each guarded pattern.
func TestGuardsKeepMatches(t *testing.T) {
	guarded := map[string]guardedRe{
		"roleClauseRe": roleClauseRe, "ruleWordRe": ruleWordRe, "closerRe": closerRe,
		"barePlaceRe": barePlaceRe, "typeEndRe": typeEndRe, "militaryRe": militaryRe,
		"governmentRe": governmentRe, "committeeRe": committeeRe, "classRe": classRe,
		"mannerRe": mannerRe, "agencyRe": agencyRe, "departmentRe": departmentRe, "levelRe": levelRe,
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no notices to read: %v", err)
	}
	samples := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pieces := strings.FieldsFunc(string(data), func(r rune) bool {
			return strings.ContainsRune("，、；。：\n\t |", r)
		})
		for _, p := range pieces {
			runes := []rune(p)
			if len(runes) > 40 {
				continue
			}
			for i := range runes {
				samples[string(runes[i:])] = true
				samples[string(runes[:i+1])] = true
			}
		}
	}
	for name, g := range guarded {
		matched := 0
		for s := range samples {
			if !g.re.MatchString(s) {
				continue
			}
			matched++
			if !g.may(s) {
				t.Errorf("%s matches %q, which its guard rejects", name, s)
			}
		}
		if matched == 0 {
			t.Errorf("%s matched none of %d texts: the test says nothing of its guard", name, len(samples))
		}
	}
}
