package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"strings"

	"qingdan/internal/catalog"
)

// A revised notice should cost the pages it touches, not the whole site.
// Every file that depends on one notice or one unit is made in a group
// named by a key: a digest of all the data its files are made from. When
// the last build made a group from the same key, the build keeps those
// files instead of making them again. Pages that list every notice or
// every unit (the home page, the unit index, the site-wide downloads and
// the search index) are always made.
//
// A key covers: the program, templates and options (Options.Version);
// what every page shows of the site (SiteInfo); and, for a notice, the
// digest of its content (Options.Digests), whether it has a revision
// report, and the names, slugs, kinds and members of the units it names,
// since its pages link to them. A unit's keys add the unit itself, its
// notes and what changed for it, and the keys of the notices it has
// duties in.

// Reuse is what a build offers the site to keep files of the last build.
type Reuse interface {
	// Keep takes into this build every file the last build made from
	// key, and reports whether it did: false when the last build made
	// none from key, or when they are no longer all there.
	Keep(key string) (bool, error)
	// Made records that this build made path from key.
	Made(path, key string)
}

// keyOf digests parts into a key; "" when any part is unknown ("").
func keyOf(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		if p == "" {
			return ""
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

func sum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

// siteInfoKey is the part of every key that all pages share; "" when the
// build keeps nothing.
func (r *renderer) siteInfoKey() string {
	if r.opt.Reuse == nil || r.opt.Version == "" || r.opt.Digests == nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%q\n", r.opt.Version, r.opt.Base, r.info.Title)
	for _, l := range r.info.Notices {
		fmt.Fprintf(h, "%q\n", l)
	}
	return sum(h)
}

// noticeDeps digests what a notice's pages are made from, beyond the
// site: "" when unknown.
func (r *renderer) noticeDeps(n *catalog.Notice) string {
	if d, ok := r.deps[n.Slug]; ok {
		return d
	}
	d := ""
	if digest := r.opt.Digests[n.Slug]; digest != "" && r.siteKey != "" {
		h := sha256.New()
		fmt.Fprintf(h, "%s\n%v\n", digest, r.opt.Changes[n.Slug] != nil)
		seen := map[string]bool{}
		for _, t := range n.Tasks {
			for _, a := range t.Units {
				if !seen[a.Name] {
					seen[a.Name] = true
					fmt.Fprintf(h, "%q → %s\n", a.Name, r.unitInfo(r.in.Catalog.Unit(a.Name)))
				}
			}
		}
		d = sum(h)
	}
	r.deps[n.Slug] = d
	return d
}

// unitInfo is what a link to a unit, or the head of its page, shows of it.
func (r *renderer) unitInfo(u *catalog.Unit) string {
	if u == nil {
		return "-"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%q %s %s %q %q [", u.Name, u.Slug, u.Kind, u.Aliases, u.Groups)
	for _, m := range u.Members {
		if mu := r.in.Catalog.Unit(m); mu != nil {
			fmt.Fprintf(&b, "%q %s %s;", m, mu.Slug, mu.Kind)
		}
	}
	b.WriteString("]")
	for _, g := range u.Groups {
		if gu := r.in.Catalog.Unit(g); gu != nil {
			fmt.Fprintf(&b, " %s", gu.Slug)
		}
	}
	return b.String()
}

// group makes the files of one key with make, or keeps the ones the last
// build made from the same key. An empty key always makes them.
func (r *renderer) group(key string, make func() error) error {
	if key != "" {
		kept, err := r.opt.Reuse.Keep(key)
		if err != nil || kept {
			return err
		}
	}
	r.key = key
	defer func() { r.key = "" }()
	return make()
}
