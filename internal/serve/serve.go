// Package serve is the local preview: it serves public/ on 127.0.0.1,
// rebuilds when seeds/, content/ or templates/ change, and reloads the
// pages open in the browser. The files on disk are never changed for
// it: the reload script is added to pages as they are served.
package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/afero"

	"qingdan/internal/pipeline"
)

// Options of the preview.
type Options struct {
	Port  int              // default 8080
	Build pipeline.Options // what to build
	// Poll is how often the folders are checked; default half a second.
	Poll time.Duration
	// Ready, when set, receives the address once the server listens.
	Ready chan<- string
}

// Server is a running preview.
type Server struct {
	fsys afero.Fs
	opt  Options
	out  io.Writer

	mu      sync.Mutex
	version int
	lastErr string
}

// ErrPortInUse is returned when the port is taken.
var ErrPortInUse = errors.New("port in use")

// Run builds the site, serves it and rebuilds on change until ctx ends.
func Run(ctx context.Context, fsys afero.Fs, opt Options, out io.Writer) error {
	if opt.Port == 0 {
		opt.Port = 8080
	}
	if opt.Poll == 0 {
		opt.Poll = 500 * time.Millisecond
	}
	s := &Server{fsys: fsys, opt: opt, out: out}
	addr := "127.0.0.1:" + strconv.Itoa(opt.Port)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("%w: %s is already taken by another program; choose another port with --port (for example --port %d)", ErrPortInUse, addr, opt.Port+1)
		}
		return fmt.Errorf("serve: %w", err)
	}
	s.rebuild()
	srv := &http.Server{Handler: s.handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	fmt.Fprintf(out, "serving %s at http://%s/ — edits to %s/, %s/ and %s/ rebuild it; Ctrl-C stops\n",
		opt.Build.Public, addr, opt.Build.Seeds, opt.Build.Content, opt.Build.TemplateDir)
	if opt.Ready != nil {
		opt.Ready <- "http://" + addr + "/"
	}
	s.watch(ctx)
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}

// rebuild builds the site and, when the site or the error shown changed,
// bumps the version the pages poll.
func (s *Server) rebuild() {
	opt := s.opt.Build
	opt.Waiting = func(holder string) { fmt.Fprintln(s.out, pipeline.WaitingLine(opt, holder)) }
	r, err := pipeline.Run(s.fsys, opt, nil)
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case err != nil:
		s.lastErr = err.Error()
		fmt.Fprintf(s.out, "build failed (the last good site is still served):\n%v\n", err)
	case r.Unchanged && s.lastErr == "" && s.version > 0:
		// What the last build itself wrote, seen by the watcher; the
		// build knows it from its cache (without one, the pages reload
		// once more).
		return
	default:
		s.lastErr = ""
		fmt.Fprint(s.out, r.Summary())
	}
	s.version++
}

// watch rebuilds when the inputs change. The state is taken before each
// build, so a file saved while a build runs starts another; the changes
// the build itself makes start one that finds nothing to do.
func (s *Server) watch(ctx context.Context) {
	last := s.state()
	t := time.NewTicker(s.opt.Poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if now := s.state(); now != last {
			last = now
			s.rebuild()
		}
	}
}

// state is a digest of the names, sizes and times of the input files.
func (s *Server) state() [32]byte {
	h := sha256.New()
	for _, dir := range []string{s.opt.Build.Seeds, s.opt.Build.Content, s.opt.Build.TemplateDir, s.opt.Build.Static} {
		afero.Walk(s.fsys, dir, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return nil
			}
			fmt.Fprintf(h, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			return nil
		})
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

const liveJS = `(function () {
  var v = null;
  function poll() {
    fetch("/__qingdan/version", { cache: "no-store" }).then(function (r) { return r.text(); }).then(function (t) {
      if (v !== null && t !== v) location.reload();
      v = t;
    }).catch(function () {}).then(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
`

func (s *Server) handler() http.Handler {
	files := http.FileServer(afero.NewHttpFs(s.fsys).Dir(s.opt.Build.Public))
	mux := http.NewServeMux()
	mux.HandleFunc("/__qingdan/live.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, liveJS)
	})
	mux.HandleFunc("/__qingdan/version", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		v, e := s.version, s.lastErr
		s.mu.Unlock()
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintf(w, "%d %x", v, sha256.Sum256([]byte(e)))
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		if !strings.HasSuffix(p, ".html") {
			files.ServeHTTP(w, r)
			return
		}
		status := http.StatusOK
		data, err := afero.ReadFile(s.fsys, path.Join(s.opt.Build.Public, path.Clean("/"+p)))
		switch {
		case err == nil:
		case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR), errors.Is(err, syscall.EISDIR):
			// /index.html/ asks for a file inside a file: not there either.
			status = http.StatusNotFound
			data, _ = afero.ReadFile(s.fsys, path.Join(s.opt.Build.Public, "404.html"))
		default:
			// The reason, with the path on this machine, is for the
			// terminal, not for the page.
			fmt.Fprintf(s.out, "serve: %v\n", err)
			http.Error(w, "the page could not be read; see the terminal that runs the preview", http.StatusInternalServerError)
			return
		}
		s.mu.Lock()
		lastErr := s.lastErr
		s.mu.Unlock()
		inject := `<script src="/__qingdan/live.js"></script>`
		if lastErr != "" {
			inject += `<pre style="position:fixed;bottom:0;left:0;right:0;max-height:40vh;overflow:auto;margin:0;padding:1em;background:#fde8e8;color:#a4161a;z-index:99">` +
				html.EscapeString("构建失败，显示的是上一次成功的结果：\n"+lastErr) + `</pre>`
		}
		if i := bytes.LastIndex(data, []byte("</body>")); i >= 0 {
			data = append(data[:i:i], append([]byte(inject), data[i:]...)...)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		w.Write(data)
	})
	return guard(mux)
}

// guard refuses what the preview must not answer. A request naming
// another host is a page elsewhere that has pointed a name of its own at
// 127.0.0.1 (DNS rebinding) to read the preview: only loopback names are
// answered. The build's own files (.qingdan-manifest, the files it
// stages) are not part of the site.
func guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !loopback(r.Host) {
			http.Error(w, "this preview answers only to localhost, 127.0.0.1 and [::1]", http.StatusMisdirectedRequest)
			return
		}
		for _, seg := range strings.Split(r.URL.Path, "/") {
			if strings.HasPrefix(seg, ".qingdan-") {
				http.NotFound(w, r)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// loopback tells whether a Host header names this machine's loopback.
func loopback(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
