package config_test

import (
	"strings"
	"testing"

	"github.com/spf13/afero"

	"qingdan/internal/config"
)

func TestLoad(t *testing.T) {
	fsys := afero.NewMemMapFs()
	c, err := config.Load(fsys, "seeds/site.yaml", false)
	if err != nil || c.Title != "" {
		t.Fatalf("a missing optional file is the default site: %+v %v", c, err)
	}
	if _, err := config.Load(fsys, "seeds/site.yaml", true); err == nil {
		t.Error("a missing file asked for by --config is an error")
	}
	afero.WriteFile(fsys, "ok.yaml", []byte("title: 安全生产任务清单\nbase: /anquan/\nnotices: [\"2024-*.txt\"]\nport: 9000\n"), 0o644)
	c, err = config.Load(fsys, "ok.yaml", true)
	if err != nil || c.Title != "安全生产任务清单" || c.Base != "/anquan/" || c.Notices[0] != "2024-*.txt" || c.Port != 9000 {
		t.Errorf("%+v %v", c, err)
	}
	for file, want := range map[string]string{
		"title: x\ntitel: y\n": "line 2",
		"base: anquan\n":       "must start with /",
		"port: 99999\n":        "not a port",
		"port: eight\n":        "line 1",
	} {
		afero.WriteFile(fsys, "bad.yaml", []byte(file), 0o644)
		if _, err := config.Load(fsys, "bad.yaml", true); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "bad.yaml") {
			t.Errorf("%q: %v, want %q", file, err, want)
		}
	}
}
