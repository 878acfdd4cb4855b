// Package config reads the optional site file (seeds/site.yaml): the
// site's title, the path it is served under, which notices to build, and
// where the folders are. Every field may be left out; flags override it.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/spf13/afero"
	"gopkg.in/yaml.v3"

	"qingdan/internal/input"
)

// DefaultPath is where the site file is looked for.
const DefaultPath = "seeds/site.yaml"

// Config is the site file. The zero value is the default site.
type Config struct {
	// Title of the site; default: the title of the only notice, or
	// 工作任务清单.
	Title string `yaml:"title"`
	// Base is the path the site is served under on the web server, such
	// as /anquan/; the 404 page needs it. Default /.
	Base string `yaml:"base"`
	// Notices are file patterns in the seeds folder; default *.txt.
	Notices []string `yaml:"notices"`
	// Registry is the unit registry file in the seeds folder; default units.yaml.
	Registry string `yaml:"registry"`
	// Seeds, Content, Public, Templates and Static are folders; defaults
	// seeds, content, public, templates, static.
	Seeds     string `yaml:"seeds"`
	Content   string `yaml:"content"`
	Public    string `yaml:"public"`
	Templates string `yaml:"templates"`
	Static    string `yaml:"static"`
	// Port of `serve`; default 8080.
	Port int `yaml:"port"`
}

var fields = "title, base, notices, registry, seeds, content, public, templates, static, port"

// Load reads the site file at p. A missing file is the default site
// unless required; a file with an unknown field or a wrong value is an
// error that names the file, the line and what is expected.
func Load(fsys afero.Fs, p string, required bool) (Config, error) {
	var c Config
	data, err := input.Read(fsys, p)
	if errors.Is(err, fs.ErrNotExist) && !required {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		msg := strings.NewReplacer("unmarshal errors:\n  ", "", " in type config.Config", "", "\n  ", "; ").Replace(err.Error())
		if strings.Contains(err.Error(), "not found in type") {
			msg += " (the fields are: " + fields + ")"
		}
		return c, fmt.Errorf("%s: %s", p, strings.TrimPrefix(msg, "yaml: "))
	}
	if c.Base != "" && !strings.HasPrefix(c.Base, "/") {
		return c, fmt.Errorf("%s: base %q must start with /, as in /anquan/", p, c.Base)
	}
	if c.Port < 0 || c.Port > 65535 {
		return c, fmt.Errorf("%s: port %d is not a port number (1–65535)", p, c.Port)
	}
	return c, nil
}
