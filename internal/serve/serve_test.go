package serve_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/afero"

	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
	"qingdan/internal/serve"
)

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	r, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	b, _ := io.ReadAll(r.Body)
	return r.StatusCode, string(b)
}

func site(t *testing.T) (afero.Fs, pipeline.Options) {
	fsys := afero.NewMemMapFs()
	for name, src := range map[string]string{
		"seeds/00.txt":     "../../testdata/corpus/00_xinzhou-2024-anquan-shengchan-tongzhi.txt",
		"seeds/units.yaml": "../../seeds/units.yaml",
	} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		afero.WriteFile(fsys, name, b, 0o644)
	}
	return fsys, pipeline.Options{Seeds: "seeds", Content: "content", Public: "public", TemplateDir: "templates", Templates: os.DirFS("../../templates"), Cache: "/cache"}
}

// The preview serves the site with the reload script, rebuilds when a
// seed changes, and the version the pages poll moves on.
func TestServe(t *testing.T) {
	fsys, opt := site(t)
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, fsys, serve.Options{Port: freePort(t), Build: opt, Poll: 50 * time.Millisecond, Ready: ready}, io.Discard)
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatal(err)
	}
	code, home := fetch(t, base)
	if code != 200 || !strings.Contains(home, "关于做好2024年安全生产工作的通知") || !strings.Contains(home, "/__qingdan/live.js") {
		t.Fatalf("home: %d", code)
	}
	if code, _ := fetch(t, base+"assets/style.css"); code != 200 {
		t.Errorf("style.css: %d", code)
	}
	if code, body := fetch(t, base+"no/such/page.html"); code != 404 || !strings.Contains(body, "页面不存在") {
		t.Errorf("missing page: %d", code)
	}
	_, v1 := fetch(t, base+"__qingdan/version")

	revised, _ := os.ReadFile("../../testdata/revision/00-revised.txt")
	afero.WriteFile(fsys, "seeds/00.txt", revised, 0o644)
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, v := fetch(t, base+"__qingdan/version"); v != v1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no rebuild after the seed changed")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if code, page := fetch(t, base+"notices/xin-zheng-fa-2024-1/changes.html"); code != 200 || !strings.Contains(page, "全面") {
		t.Errorf("changes page after the rebuild: %d", code)
	}
	// What the build wrote itself does not reload the pages again.
	time.Sleep(300 * time.Millisecond)
	_, v2 := fetch(t, base+"__qingdan/version")
	time.Sleep(500 * time.Millisecond)
	if _, v3 := fetch(t, base+"__qingdan/version"); v3 != v2 {
		t.Errorf("the version keeps moving with no change: %s then %s", v2, v3)
	}
	cancel()
	if err := <-done; err != nil {
		t.Error(err)
	}
}

// A port already taken gets a message that says what to do.
func TestPortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	fsys, opt := site(t)
	err = serve.Run(context.Background(), fsys, serve.Options{Port: ln.Addr().(*net.TCPAddr).Port, Build: opt}, io.Discard)
	if !errors.Is(err, serve.ErrPortInUse) || !strings.Contains(err.Error(), "--port") {
		t.Errorf("got %v", err)
	}
}

// The preview answers only to loopback names, does not serve the build's
// own files, and a path through a file is missing, not an error that
// tells where the site is on the disk.
func TestServeRefuses(t *testing.T) {
	mem, opt := site(t)
	// On the disk, where a path through a file is an error of its own.
	fsys := afero.NewBasePathFs(afero.NewOsFs(), t.TempDir())
	for _, p := range []string{"seeds/00.txt", "seeds/units.yaml"} {
		b, _ := afero.ReadFile(mem, p)
		fsys.MkdirAll("seeds", 0o755)
		afero.WriteFile(fsys, p, b, 0o644)
	}
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go serve.Run(ctx, fsys, serve.Options{Port: freePort(t), Build: opt, Ready: ready}, io.Discard)
	base := <-ready
	// As a build leaves it while it stages new files in place.
	afero.WriteFile(fsys, "public/.qingdan-new/index.html", []byte("half"), 0o644)
	get := func(path, host string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		if host != "" {
			req.Host = host
		}
		r, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Body.Close()
		b, _ := io.ReadAll(r.Body)
		return r.StatusCode, string(b)
	}
	port := strings.TrimSuffix(base[strings.LastIndex(base, ":")+1:], "/")
	for _, c := range []struct {
		path, host string
		code       int
	}{
		// valid
		{"", "", 200},
		{"", "localhost:" + port, 200},
		{"", "LOCALHOST", 200},
		{"", "[::1]:" + port, 200},
		{"", "127.0.0.2:" + port, 200},
		// hostile
		{"", "attacker.example:" + port, 421},
		{"", "localhost.attacker.example", 421},
		{"", "10.0.0.1:" + port, 421},
		{".qingdan-manifest", "", 404},
		{".qingdan-new/index.html", "", 404},
		{"notices/.qingdan-x.html", "", 404},
		{"index.html/", "", 404},
		{"index.html/x.html", "", 404},
	} {
		code, body := get(c.path, c.host)
		if code != c.code {
			t.Errorf("/%s (Host %q): %d, want %d", c.path, c.host, code, c.code)
		}
		if strings.Contains(body, "public/") || strings.Contains(body, "not a directory") {
			t.Errorf("/%s: the answer tells of the disk: %.200s", c.path, body)
		}
	}
}

// syncBuffer is a buffer written by the server and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// While another build holds the project's lock (the kernel's flock on
// the disk), the preview's build waits, says so in one line, and runs
// once the lock is free.
func TestServeWaitsForBuild(t *testing.T) {
	mem, opt := site(t)
	fsys := publish.NewOsFs()
	dir := t.TempDir()
	for _, p := range []string{"seeds/00.txt", "seeds/units.yaml"} {
		b, _ := afero.ReadFile(mem, p)
		fsys.MkdirAll(filepath.Join(dir, "seeds"), 0o755)
		afero.WriteFile(fsys, filepath.Join(dir, p), b, 0o644)
	}
	opt.Seeds, opt.Content, opt.Public = filepath.Join(dir, "seeds"), filepath.Join(dir, "content"), filepath.Join(dir, "public")
	opt.TemplateDir, opt.Cache, opt.Registry = filepath.Join(dir, "templates"), filepath.Join(dir, "cache"), ""
	unlock, err := publish.Lock(fsys, pipeline.LockPath(opt), nil)
	if err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go serve.Run(ctx, fsys, serve.Options{Port: freePort(t), Build: opt, Ready: ready}, out)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), "waiting for another build of "+opt.Content+"/ and "+opt.Public+"/ to finish") {
		if time.Now().After(deadline) {
			t.Fatalf("no word of the wait:\n%s", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case <-ready:
		t.Fatal("the preview built while another build held the lock")
	case <-time.After(200 * time.Millisecond):
	}
	unlock()
	base := <-ready
	if code, _ := fetch(t, base); code != 200 {
		t.Errorf("home: %d", code)
	}
	// The holder is named as the lock file on the disk says it.
	if want := fmt.Sprintf("(%s: process %d, started ", pipeline.LockPath(opt), os.Getpid()); !strings.Contains(out.String(), want) {
		t.Errorf("the waiting line does not name the holder %q:\n%s", want, out.String())
	}
	if strings.Count(out.String(), "waiting") != 1 {
		t.Errorf("output:\n%s", out.String())
	}
}
