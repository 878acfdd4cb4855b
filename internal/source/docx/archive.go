package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits against hostile files. A real notice is a few hundred kilobytes
// of XML in a few dozen entries; these leave room for a book, and refuse
// a zip bomb from its directory, before anything is inflated.
const (
	// MaxEntries is the most entries an archive may hold.
	MaxEntries = 2000
	// MaxPart is the most bytes one entry may inflate to.
	MaxPart = 64 << 20
	// MaxTotal is the most bytes all entries together may inflate to.
	MaxTotal = 256 << 20
	// maxRatio is the most a part may inflate per compressed byte read,
	// once it has given minRatioCheck bytes: the XML of Word and
	// LibreOffice compresses four to twenty times, a bomb a thousand
	// times, and the check on the bytes read so far stops it before the
	// reader has had much to parse.
	maxRatio      = 100
	minRatioCheck = 256 << 10
)

// ErrTooLarge is returned for an archive over one of the limits.
var ErrTooLarge = errors.New("解压后过大，疑似压缩炸弹，已拒绝读取")

// archive is the opened package: its parts by name.
type archive struct {
	files map[string]*zip.File
	// read counts the bytes inflated so far, against MaxTotal.
	read int64
	src  *countingReader
}

// countingReader counts the bytes of the file read, which while a part
// inflates are its compressed bytes.
type countingReader struct {
	r *bytes.Reader
	n int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n += int64(n)
	return n, err
}

func openArchive(data []byte) (*archive, error) {
	src := &countingReader{r: bytes.NewReader(data)}
	zr, err := zip.NewReader(src, int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("不是可以读取的.docx（zip）：%w", err)
	}
	if len(zr.File) > MaxEntries {
		return nil, fmt.Errorf("压缩包中有%d个条目，超过一份文档所需的%d个：%w", len(zr.File), MaxEntries, ErrTooLarge)
	}
	a := &archive{files: map[string]*zip.File{}, src: src}
	var total uint64
	for _, f := range zr.File {
		if f.UncompressedSize64 > MaxPart {
			return nil, fmt.Errorf("%s解压后有%d MB，超过%d MB：%w", f.Name, f.UncompressedSize64>>20, MaxPart>>20, ErrTooLarge)
		}
		total += f.UncompressedSize64
		if total > MaxTotal {
			return nil, fmt.Errorf("压缩包解压后超过%d MB：%w", MaxTotal>>20, ErrTooLarge)
		}
		a.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return a, nil
}

// has reports whether the archive holds the part.
func (a *archive) has(name string) bool { return a.files[name] != nil }

// open returns a reader of the part that enforces the limits while it
// inflates, whatever the directory declared.
func (a *archive) open(name string) (io.ReadCloser, error) {
	f := a.files[name]
	if f == nil {
		return nil, fmt.Errorf("缺少%s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &limited{rc: rc, a: a, name: name, start: a.src.n}, nil
}

// limited reads one part at a time, against the limits.
type limited struct {
	rc   io.ReadCloser
	a    *archive
	name string
	n    int64
	// start is the count of file bytes read when the part was opened.
	start int64
}

func (l *limited) Read(p []byte) (int, error) {
	n, err := l.rc.Read(p)
	l.n += int64(n)
	l.a.read += int64(n)
	switch {
	case l.n > MaxPart:
		return n, fmt.Errorf("%s解压后超过%d MB：%w", l.name, MaxPart>>20, ErrTooLarge)
	case l.a.read > MaxTotal:
		return n, fmt.Errorf("压缩包解压后超过%d MB：%w", MaxTotal>>20, ErrTooLarge)
	case l.n > minRatioCheck && l.n > maxRatio*(l.a.src.n-l.start):
		return n, fmt.Errorf("%s解压后超过原大小的%d倍：%w", l.name, maxRatio, ErrTooLarge)
	}
	return n, err
}

func (l *limited) Close() error { return l.rc.Close() }

// relationships maps the relationship types of a part (the last segment
// of the type URI: "numbering", "styles", "header") to the parts they
// name, resolved against the part's folder.
func (a *archive) relationships(part string) (map[string][]string, error) {
	return a.readRels(path.Join(path.Dir(part), "_rels", path.Base(part)+".rels"), path.Dir(part))
}

func (a *archive) readRels(relsName, dir string) (map[string][]string, error) {
	out := map[string][]string{}
	if !a.has(relsName) {
		return out, nil
	}
	rc, err := a.open(relsName)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.NewDecoder(rc).Decode(&rels); err != nil {
		return nil, fmt.Errorf("%s: %w", relsName, err)
	}
	for _, r := range rels.Rel {
		if r.Mode == "External" {
			continue
		}
		target := r.Target
		if strings.HasPrefix(target, "/") {
			target = strings.TrimPrefix(target, "/")
		} else {
			target = path.Join(dir, target)
		}
		kind := r.Type[strings.LastIndex(r.Type, "/")+1:]
		out[kind] = append(out[kind], target)
	}
	return out, nil
}

// mainPart is the document part the package names, word/document.xml in
// every file Word, WPS or LibreOffice writes.
func (a *archive) mainPart() string {
	rels, err := a.readRels("_rels/.rels", "")
	if err == nil {
		for _, p := range rels["officeDocument"] {
			if a.has(p) {
				return p
			}
		}
	}
	return "word/document.xml"
}
