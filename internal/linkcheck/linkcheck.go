// Package linkcheck checks that every internal link of a static site
// resolves: each href, src and form action of each HTML page names a file
// of the site, and each #fragment an id on the target page. External
// links are reported too, since the site must work on a closed network.
package linkcheck

import (
	"fmt"
	"html"
	"maps"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Problem is one link that does not resolve.
type Problem struct {
	Page, Link, Reason string
}

func (p Problem) String() string { return fmt.Sprintf("%s: %s: %s", p.Page, p.Link, p.Reason) }

var (
	attrRe = regexp.MustCompile(`\s(?:href|src|action)="([^"]*)"`)
	idRe   = regexp.MustCompile(`\sid="([^"]*)"`)
	urlRe  = regexp.MustCompile(`url\(\s*['"]?([^'")]+)`)
)

// Check checks the pages of a site given as path → bytes. Pages listed in
// skip are not checked themselves (the 404 page, whose links are
// absolute because a server shows it at any path) but may be linked to.
func Check(files map[string][]byte, skip ...string) []Problem {
	ids := map[string]map[string]bool{}
	idsOf := func(p string) map[string]bool {
		if m, ok := ids[p]; ok {
			return m
		}
		m := map[string]bool{}
		for _, x := range idRe.FindAllSubmatch(files[p], -1) {
			m[html.UnescapeString(string(x[1]))] = true
		}
		ids[p] = m
		return m
	}
	var out []Problem
	skipped := map[string]bool{}
	for _, p := range skip {
		skipped[p] = true
	}
	for _, page := range slices.Sorted(maps.Keys(files)) {
		if skipped[page] {
			continue
		}
		var links []string
		switch {
		case strings.HasSuffix(page, ".html"):
			for _, m := range attrRe.FindAllSubmatch(files[page], -1) {
				links = append(links, html.UnescapeString(string(m[1])))
			}
		case strings.HasSuffix(page, ".css"):
			for _, m := range urlRe.FindAllSubmatch(files[page], -1) {
				links = append(links, string(m[1]))
			}
		default:
			continue
		}
		for _, link := range links {
			if reason := resolve(files, idsOf, page, link); reason != "" {
				out = append(out, Problem{Page: page, Link: link, Reason: reason})
			}
		}
	}
	return out
}

// resolve returns why link on page does not resolve, or "".
func resolve(files map[string][]byte, idsOf func(string) map[string]bool, page, link string) string {
	if link == "" {
		return "empty link"
	}
	u, err := url.Parse(link)
	if err != nil {
		return "not a URL: " + err.Error()
	}
	if u.Scheme == "data" || u.Scheme == "mailto" || u.Scheme == "tel" || u.Scheme == "javascript" {
		return ""
	}
	if u.Scheme != "" || u.Host != "" {
		return "external link (the site must work offline)"
	}
	if strings.HasPrefix(u.Path, "/") {
		return "absolute path (breaks under a sub-path and from disk)"
	}
	target := page
	if u.Path != "" {
		target = path.Join(path.Dir(page), u.Path)
		if strings.HasPrefix(target, "../") || target == ".." {
			return "leaves the site"
		}
		if strings.HasSuffix(u.Path, "/") || u.Path == "." {
			target = path.Join(target, "index.html")
		}
	}
	if _, ok := files[target]; !ok {
		return "no such file " + target
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") && !idsOf(target)[u.Fragment] {
		return "no id " + u.Fragment + " in " + target
	}
	return ""
}
