package units

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"qingdan/internal/pinyin"
	"qingdan/internal/textnorm"
)

// Registry is the optional unit registry of a site (seeds/units.yaml):
// aliases, kinds that override the inferred ones, and groups such as
// 各县（市、区）政府 with their members. Membership is only ever configured
// here, never guessed; what a collective (市有关部门) may include is shown
// as possible, apart. The zero Registry is empty and valid.
type Registry struct {
	Units       []Entry      `yaml:"units"`
	Groups      []Group      `yaml:"groups"`
	Collectives []Collective `yaml:"collectives"`

	canonical  map[string]string // folded name or alias → canonical name
	kinds      map[string]Kind
	aliases    map[string][]string
	members    map[string][]string
	groupsOf   map[string][]string
	mayInclude map[string][]string // declared collective → may_include (folded; nil: by its name)
	collective map[string]bool     // declared collectives, with or without members
}

// Entry describes one unit.
type Entry struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases,omitempty"`
	Kind    Kind     `yaml:"kind,omitempty"`
}

// Group is a name that stands for several units: a duty given to the
// group reaches every member.
type Group struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases,omitempty"`
	Kind    Kind     `yaml:"kind,omitempty"`
	Members []Entry  `yaml:"members"`
}

// LoadRegistry reads a registry in YAML. Errors carry the line number.
func LoadRegistry(data []byte) (*Registry, error) {
	r := &Registry{}
	if len(bytes.TrimSpace(data)) > 0 {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(r); err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("单位登记表：%w", err)
		}
	}
	if err := r.index(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Registry) index() error {
	r.canonical = map[string]string{}
	r.kinds = map[string]Kind{}
	r.aliases = map[string][]string{}
	r.members = map[string][]string{}
	r.groupsOf = map[string][]string{}
	r.mayInclude = map[string][]string{}
	r.collective = map[string]bool{}
	add := func(e Entry) error {
		name := textnorm.Name(e.Name)
		if name == "" {
			return errors.New("单位登记表：有一条没有名称（name）")
		}
		if e.Kind != "" && !e.Kind.Valid() {
			return fmt.Errorf("单位登记表：%s：类别（kind）“%s”不认识（应为%s之一）", name, e.Kind, kindList())
		}
		for _, n := range append([]string{name}, e.Aliases...) {
			n = textnorm.Name(n)
			if prev, ok := r.canonical[n]; ok && prev != name {
				return fmt.Errorf("单位登记表：“%s”同时列在%s和%s之下", n, prev, name)
			}
			r.canonical[n] = name
			if n != name {
				r.aliases[name] = appendUnique(r.aliases[name], n)
			}
		}
		if e.Kind != "" {
			r.kinds[name] = e.Kind
		}
		return nil
	}
	for _, e := range r.Units {
		if err := add(e); err != nil {
			return err
		}
	}
	addMembers := func(group string, members []Entry) error {
		for _, m := range members {
			if err := add(m); err != nil {
				return err
			}
			member := textnorm.Name(m.Name)
			r.members[group] = appendUnique(r.members[group], member)
			r.groupsOf[member] = appendUnique(r.groupsOf[member], group)
		}
		return nil
	}
	for _, g := range r.Groups {
		if err := add(Entry{Name: g.Name, Aliases: g.Aliases, Kind: g.Kind}); err != nil {
			return err
		}
		group := textnorm.Name(g.Name)
		if len(g.Members) == 0 {
			return fmt.Errorf("单位登记表：组%s没有成员（members）；成员不明确的名称是泛指，请列在collectives之下", group)
		}
		if err := addMembers(group, g.Members); err != nil {
			return err
		}
	}
	// Collectives come last: what they may include names groups and
	// units declared anywhere above.
	for _, c := range r.Collectives {
		if err := add(Entry{Name: c.Name, Aliases: c.Aliases, Kind: c.Kind}); err != nil {
			return err
		}
		name := textnorm.Name(c.Name)
		r.collective[name] = true
		if err := addMembers(name, c.Members); err != nil {
			return err
		}
		if len(c.Members) > 0 && len(c.MayInclude) > 0 {
			return fmt.Errorf("单位登记表：泛指%s同时写了members和may_include：members写它是谁，may_include写它可能包括谁（只留一个）", name)
		}
		var may []string
		for _, m := range c.MayInclude {
			if k := Kind(strings.TrimSpace(m)); k.Valid() {
				may = append(may, string(k))
				continue
			}
			if m = textnorm.Name(m); m == "" {
				return fmt.Errorf("单位登记表：泛指%s：may_include中有空名称", name)
			}
			may = append(may, r.Canonical(m))
		}
		r.mayInclude[name] = may
	}
	return nil
}

func kindList() string {
	var s []string
	for _, k := range Kinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// Canonical returns the registered name for a name or alias, or the
// folded name itself when the registry does not know it.
func (r *Registry) Canonical(name string) string {
	n := textnorm.Name(name)
	if c, ok := r.canonical[n]; ok {
		return c
	}
	return n
}

// Kind returns the registered kind of a canonical name, or the inferred one.
func (r *Registry) Kind(name string, national bool) Kind {
	if k, ok := r.kinds[name]; ok {
		return k
	}
	if len(r.members[name]) > 0 && !r.collective[name] {
		// A group's kind is that of its members when they agree; a
		// collective stays the class of body its name says.
		return r.Kind(r.members[name][0], national)
	}
	return Classify(name, national)
}

// Aliases returns the other names of a canonical name, sorted.
func (r *Registry) Aliases(name string) []string {
	out := append([]string(nil), r.aliases[name]...)
	sort.Strings(out)
	return out
}

// Members returns the members of a group, in registry order.
func (r *Registry) Members(group string) []string { return r.members[group] }

// GroupsOf returns the groups a unit belongs to, in registry order.
func (r *Registry) GroupsOf(name string) []string { return r.groupsOf[name] }

// Slugs gives each name an ASCII slug from its pinyin. Names whose pinyin
// collide get -2, -3 … in the order of their names, so the result depends
// only on the set of names.
func Slugs(names []string) map[string]string {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	out := make(map[string]string, len(sorted))
	used := map[string]bool{}
	for _, n := range sorted {
		if _, done := out[n]; done {
			continue
		}
		base := pinyin.Slug(n)
		if base == "" {
			base = "unit"
		}
		slug := base
		for i := 2; used[slug]; i++ {
			slug = fmt.Sprintf("%s-%d", base, i)
		}
		used[slug] = true
		out[n] = slug
	}
	return out
}

// NewRegistry builds a registry from entries, groups and collectives, as
// LoadRegistry does from YAML; the content reader rebuilds the registry
// this way from the unit files.
func NewRegistry(entries []Entry, groups []Group, collectives []Collective) (*Registry, error) {
	r := &Registry{Units: entries, Groups: groups, Collectives: collectives}
	if err := r.index(); err != nil {
		return nil, err
	}
	return r, nil
}
