// Package gen makes a corpus of distinct notices for benchmarks only:
// variations of the real notices of testdata/ (city, year, 文号, unit
// names, sentences), deterministic for a seed. Nothing here is used by a
// build.
package gen

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"qingdan/internal/catalog"
	"qingdan/internal/notice"
	"qingdan/internal/units"
)

// Notice is a generated notice: a file name and its text.
type Notice struct {
	Name string
	Text string
}

var cities = []struct{ name, prefix string }{
	{"忻州", "忻"}, {"太原", "并"}, {"大同", "同"}, {"阳泉", "阳"}, {"长治", "长"}, {"晋城", "晋市"},
	{"朔州", "朔"}, {"晋中", "晋中"}, {"运城", "运"}, {"临汾", "临"}, {"吕梁", "吕"},
}

var departments = []string{
	"市应急局", "市公安局", "市交通局", "市住建局", "市城管局", "市自然资源局", "市水利局", "市农业农村局",
	"市工信局", "市商务局", "市文旅局", "市卫健委", "市教育局", "市民政局", "市市场监管局", "市能源局",
	"市生态环境局", "市财政局", "市发展改革委", "市行政审批局", "市林业局", "市气象局", "市消防救援支队",
}

var additions = []string{
	"加强工作调度，按季度报送进展情况。",
	"建立工作台账，实行销号管理。",
	"开展督导检查，确保各项措施落地见效。",
	"强化部门协同，形成工作合力。",
	"及时总结经验做法，推广典型案例。",
}

var deptRe = regexp.MustCompile(`市[\p{Han}]{1,6}?(局|委|支队)`)

// Load reads the template notices: the shipped one and the other real
// notices of testdata (root is the repository).
func Load(root string) ([]string, error) {
	var out []string
	for _, pat := range []string{"testdata/corpus/*.txt", "testdata/genre/s0[1239]*.txt"} {
		files, err := filepath.Glob(filepath.Join(root, pat))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			out = append(out, string(b))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("gen: no notices under %s/testdata", root)
	}
	return out, nil
}

// Notices returns n distinct notices made from the templates (the first
// of which is used most, as the shipped notice is the genre's typical
// one), the same for the same seed.
func Notices(templates []string, n int, seed int64) []Notice {
	rng := rand.New(rand.NewSource(seed))
	var out []Notice
	numbers := map[string]int{}
	for i := 0; i < n; i++ {
		t := templates[0]
		if rng.Intn(10) >= 7 {
			t = templates[rng.Intn(len(templates))]
		}
		city := cities[rng.Intn(len(cities))]
		year := 2015 + rng.Intn(16)
		key := fmt.Sprintf("%s%d", city.prefix, year)
		numbers[key]++
		text := vary(rng, t, city.name, city.prefix, year, numbers[key])
		out = append(out, Notice{Name: fmt.Sprintf("%04d-%s-%d.txt", i+1, city.prefix, year), Text: text})
	}
	return out
}

// docRe finds a notice's own 文号: at the start of a line, or after the
// label of a portal's metadata (- 文件编号：), in any of the brackets
// offices use (忻政发〔2024〕1号, 许政 [2020] 20号).
var docRe = regexp.MustCompile(`(?m)^((?:[-*]\s*)?(?:文件编号|发文字号|文号)[：:]\s*)?[\p{Han}]{1,6}\s*[〔\[［]\s*\d{4}\s*[〕\]］]\s*\d+\s*号`)

func vary(rng *rand.Rand, text, city, prefix string, year, number int) string {
	text = strings.ReplaceAll(text, "忻州", city)
	text = strings.ReplaceAll(text, "2024", fmt.Sprint(year))
	text = strings.ReplaceAll(text, "2018", fmt.Sprint(year))
	// A 文号 of its own, so every notice is distinct: two notices of one
	// 文号 are two versions of one notice to the catalog.
	text = docRe.ReplaceAllString(text, fmt.Sprintf("${1}%s政发〔%d〕%d号", prefix, year, number))
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "\t") && deptRe.MatchString(l) && rng.Intn(3) == 0:
			// Another department in a responsibility cell.
			lines[i] = deptRe.ReplaceAllStringFunc(l, func(string) string { return departments[rng.Intn(len(departments))] })
		case len(l) > 60 && rng.Intn(4) == 0:
			// A sentence added to a long line.
			lines[i] = strings.TrimRight(l, "。") + "。" + additions[rng.Intn(len(additions))]
		}
	}
	return strings.Join(lines, "\n")
}

// Catalog parses n generated notices with the shipped registry, as a build
// would, for benchmarks of the stages after the parse.
func Catalog(root string, n int, seed int64) (*catalog.Catalog, error) {
	templates, err := Load(root)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(root, "seeds", "units.yaml"))
	if err != nil {
		return nil, err
	}
	reg, err := units.LoadRegistry(data)
	if err != nil {
		return nil, err
	}
	var notices []*notice.Notice
	for _, g := range Notices(templates, n, seed) {
		parsed, err := notice.Parse([]byte(g.Text), g.Name)
		if err != nil {
			return nil, err
		}
		notices = append(notices, parsed)
	}
	return catalog.New(notices, reg)
}
