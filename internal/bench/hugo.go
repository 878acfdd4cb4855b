package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// The Hugo comparison lays a built content/ out as a Hugo site with a
// minimal layout of the same pages (home, each notice with its full
// text, each section, item and task, the unit index and each unit with
// its duties, linked both ways) and times Hugo's build of it against
// qingdan's build of the seeds. qingdan's build does more: it parses the
// notices, writes content/, and adds the matrix, the downloads and the
// search index; Hugo is given the content ready-made.

const hugoConfig = `baseURL = "/"
title = "工作任务清单"
languageCode = "zh-CN"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
relativeURLs = true
uglyURLs = true
`

var hugoLayouts = map[string]string{
	"baseof.html": `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "assets/style.css" | relURL }}"></head>
<body><header><a href="{{ "index.html" | relURL }}">{{ site.Title }}</a> <a href="{{ "units.html" | relURL }}">责任单位</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
`,
	"home.html": `{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range (site.GetPage "/notices").Sections }}<li><a href="{{ .RelPermalink }}">{{ .Params.doc_number }} {{ .Title }}</a> {{ .Params.tasks }} 项任务</li>{{ end }}</ul>
{{ end }}`,
	"section.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ range .Pages }}<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>{{ .Content }}</section>
{{ end }}{{ end }}`,
	"page.html": `{{ define "main" }}<p><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ with .Params.units }}<ul>{{ range . }}<li><a href="{{ printf "units/%s.html" .slug | relURL }}">{{ .name }}</a> {{ .role }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.tasks }}<ol>{{ range . }}{{ with site.GetPage (printf "/notices/%s/tasks/%s" $.Params.notice .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ol>{{ end }}
{{ end }}`,
	"units/page.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<p>{{ .Params.unit_kind }} · {{ .Params.duties_count }} 项任务</p>
{{ .Content }}
<ol>{{ range .Params.duties }}{{ $role := .role }}{{ with site.GetPage (printf "/notices/%s/tasks/%s" .notice .task) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ $role }}{{ .Content }}</li>{{ end }}{{ end }}</ol>
{{ end }}`,
}

// hugoSite lays content/ of a built site out as a Hugo site in dir.
func hugoSite(site, dir string) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for p, b := range map[string]string{"hugo.toml": hugoConfig} {
		if err := write(filepath.Join(dir, p), []byte(b)); err != nil {
			return err
		}
	}
	for p, b := range hugoLayouts {
		if err := write(filepath.Join(dir, "layouts", p), []byte(b)); err != nil {
			return err
		}
	}
	css, err := os.ReadFile(filepath.Join(site, "public", "assets", "style.css"))
	if err != nil {
		return err
	}
	if err := write(filepath.Join(dir, "static", "assets", "style.css"), css); err != nil {
		return err
	}
	src := filepath.Join(site, "content")
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if strings.HasSuffix(rel, ".notes.md") {
			return nil
		}
		b, err = jsonFrontMatter(b)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		return write(filepath.Join(dir, "content", rel), b)
	})
}

// jsonFrontMatter gives Hugo the front matter as JSON: its YAML reader
// refuses the largest unit files of a big site ("too many YAML aliases"),
// though they hold no alias. Keys Hugo reads as its own are renamed.
func jsonFrontMatter(b []byte) ([]byte, error) {
	rest, ok := bytes.CutPrefix(b, []byte("---\n"))
	if !ok {
		return b, nil
	}
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		return nil, fmt.Errorf("front matter not closed")
	}
	var m map[string]any
	if err := yaml.Unmarshal(rest[:end+1], &m); err != nil {
		return nil, err
	}
	for from, to := range map[string]string{"aliases": "unit_aliases", "kind": "unit_kind"} {
		if v, ok := m[from]; ok {
			m[to] = v
			delete(m, from)
		}
	}
	j, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	return append(append(j, '\n'), rest[end+5:]...), nil
}

func write(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// compareHugo times, for each run, qingdan building the site from its
// seeds and Hugo building the same pages from content/, both from
// nothing, and prints the medians and their ratio.
func compareHugo(hugo, bin, site string, runs int) (qingdan, hugoTime time.Duration, pages int, err error) {
	dir := site + "-hugo"
	if err := hugoSite(site, dir); err != nil {
		return 0, 0, 0, err
	}
	var q, h []time.Duration
	for r := 0; r < runs; r++ {
		for _, p := range []string{filepath.Join(site, "public"), filepath.Join(site, "content"), filepath.Join(dir, "public")} {
			if err := os.RemoveAll(p); err != nil {
				return 0, 0, 0, err
			}
		}
		d, _ := runBuild(bin, site)
		q = append(q, d)
		cmd := exec.Command(hugo, "--quiet", "--destination", "public")
		cmd.Dir = dir
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return 0, 0, 0, fmt.Errorf("hugo: %w", err)
		}
		h = append(h, time.Since(start))
	}
	files, _ := count(filepath.Join(dir, "public"))
	return medianDuration(q), medianDuration(h), files, nil
}
