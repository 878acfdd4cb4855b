package content

import (
	"bytes"
	"testing"

	"github.com/adrg/frontmatter"
)

// Every kind of string survives the writer and adrg/frontmatter (yaml.v2).
func TestYAMLStrings(t *testing.T) {
	type inner struct {
		Name string `yaml:"name"`
		N    int    `yaml:"n"`
	}
	type doc struct {
		Strings []string `yaml:"strings"`
		One     string   `yaml:"one"`
		Empty   []string `yaml:"empty"`
		Skip    string   `yaml:"skip,omitempty"`
		Items   []inner  `yaml:"items"`
		Ints    []int    `yaml:"ints"`
	}
	in := doc{
		Strings: []string{"关于做好2024年安全生产工作的通知", "2024-02-23", "1-2-0-1", "yes", "No", "null", "~", "-1", "3.5",
			"- 列表", "a: b", "a #b", "ends:", " lead", "trail ", "引号\"和'单引号'", "反斜杠\\", "换行\n第二行", "\t制表",
			"{{.X}}", "<script>alert(1)</script>", "[-删除-]{+新增+}", "@", "%", "&a", "*b", "!c", "|", ">", "`", "控制\x01字符",
			"（一）", "１２３", "\u3000全角空格", "\ufeffBOM", "\u2028行", "emoji😀", "", "=1+1", "+cmd", "?", ",", "#"},
		One:   "",
		Items: []inner{{"甲", 1}, {"", 0}},
		Ints:  []int{1, -2},
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	writeYAML(&b, in)
	b.WriteString("---\nbody\n")
	if bytes.Contains(b.Bytes(), []byte("skip:")) {
		t.Errorf("an empty omitempty field was written:\n%s", b.String())
	}
	var out doc
	rest, err := frontmatter.Parse(bytes.NewReader(b.Bytes()), &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if string(rest) != "body\n" {
		t.Errorf("body %q", rest)
	}
	for i, s := range in.Strings {
		if i >= len(out.Strings) || out.Strings[i] != s {
			got := ""
			if i < len(out.Strings) {
				got = out.Strings[i]
			}
			t.Errorf("%q came back as %q", s, got)
		}
	}
	if len(out.Items) != 2 || out.Items[0] != in.Items[0] || out.Items[1] != in.Items[1] || len(out.Ints) != 2 || out.Ints[1] != -2 {
		t.Errorf("out %+v", out)
	}
}
