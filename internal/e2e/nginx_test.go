package e2e_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"qingdan/internal/browsertest"
	"qingdan/internal/pipeline"
	"qingdan/internal/publish"
)

// nginxConf serves public under /qingdan/ with the MIME types of
// docs/publishing.md. master_process off keeps nginx one process of the
// user running the test.
const nginxConf = `daemon off;
master_process off;
worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events {}
http {
  include %[3]s;
  types { text/csv csv; }
  charset utf-8;
  charset_types text/css application/javascript text/csv application/json image/svg+xml;
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  gzip on;
  gzip_types text/css application/javascript application/json text/csv image/svg+xml;
  server {
    listen 127.0.0.1:%[2]d;
    location /qingdan/ {
      alias %[4]s/;
      error_page 404 /qingdan/404.html;
    }
  }
}
`

func nginxPath() string {
	if p, err := exec.LookPath("nginx"); err == nil {
		return p
	}
	for _, p := range []string{"/usr/sbin/nginx", "/usr/local/sbin/nginx"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// TestNginxCrawl builds the site for the path /qingdan/, serves it with a
// real nginx on loopback, and crawls it with headless Chromium: every page
// and download answers 200 with its type, no page logs an error, a
// missing page gets the 404 page, and search works.
func TestNginxCrawl(t *testing.T) {
	bin := nginxPath()
	if bin == "" {
		browsertest.Skip(t, "nginx")
	}
	ctx := browsertest.New(t)
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	opt := pipeline.Options{
		Seeds: "../../seeds", Content: filepath.Join(dir, "content"), Public: filepath.Join(dir, "public"),
		Templates: os.DirFS("../../templates"), TemplateDir: filepath.Join(dir, "none"), Base: "/qingdan/",
	}
	if _, err := pipeline.Run(publish.NewOsFs(), opt, nil); err != nil {
		t.Fatal(err)
	}
	mime := "/etc/nginx/mime.types"
	if _, err := os.Stat(mime); err != nil {
		t.Fatalf("nginx is installed but %s is missing", mime)
	}
	port := freePort(t)
	conf := filepath.Join(dir, "nginx.conf")
	os.WriteFile(conf, []byte(fmt.Sprintf(nginxConf, dir, port, mime, opt.Public)), 0o644)
	cmd := exec.Command(bin, "-c", conf, "-p", dir)
	out, _ := os.Create(filepath.Join(dir, "nginx.out"))
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := fmt.Sprintf("http://127.0.0.1:%d/qingdan/", port)
	for deadline := time.Now().Add(10 * time.Second); ; {
		if r, err := http.Get(base); err == nil {
			r.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			t.Fatalf("nginx did not start: %s", log)
		}
		time.Sleep(50 * time.Millisecond)
	}
	errs := consoleErrors(ctx)

	types := map[string]string{".html": "text/html", ".css": "text/css", ".js": "javascript", ".json": "application/json",
		".csv": "text/csv", ".xlsx": "spreadsheetml", ".svg": "image/svg+xml"}
	seen := map[string]bool{base: true}
	queue := []string{base}
	pages, files := 0, 0
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		ext := filepath.Ext(strings.TrimSuffix(u, "/"))
		if strings.HasSuffix(u, "/") {
			ext = ".html"
		}
		if ext != ".html" {
			// A download or an asset: fetched as the browser would.
			r, err := http.Get(u)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, r.Body)
			r.Body.Close()
			if r.StatusCode != 200 || !strings.Contains(r.Header.Get("Content-Type"), types[ext]) {
				t.Errorf("%s: %d %s", u, r.StatusCode, r.Header.Get("Content-Type"))
			}
			files++
			continue
		}
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		if resp.Status != 200 {
			t.Errorf("%s: %d", u, resp.Status)
		}
		pages++
		links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a[href], link[href], script[src]")).map(function (e) { return e.href || e.src; })`))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range links {
			p, err := url.Parse(l)
			if err != nil {
				t.Errorf("%s: bad link %s", u, l)
				continue
			}
			if p.Host != "" && !strings.HasPrefix(l, "http://127.0.0.1") {
				t.Errorf("%s links outside the site: %s", u, l)
				continue
			}
			p.Fragment, p.RawQuery = "", ""
			next := p.String()
			if !strings.HasPrefix(next, base) {
				t.Errorf("%s: link %s leaves /qingdan/", u, l)
				continue
			}
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	t.Logf("crawled %d pages and %d other files", pages, files)
	// Every page of the site is reached from the home page, but the
	// 校对 pages, for editors, which no public page links to.
	filepath.WalkDir(opt.Public, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, "404.html") && !strings.HasSuffix(p, "/check.html") {
			rel, _ := filepath.Rel(opt.Public, p)
			if !seen[base+filepath.ToSlash(rel)] && !(rel == "index.html" && seen[base]) {
				t.Errorf("%s is not linked from any page", rel)
			}
		}
		return nil
	})
	if e := errs(); len(e) > 0 {
		t.Errorf("console errors while crawling: %q", e)
	}

	// A missing page: 404, with the site's 404 page whose links work.
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+"no/such/page.html"))
	if err != nil || resp.Status != 404 {
		t.Fatalf("missing page: %v %v", resp, err)
	}
	home, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main a").href`))
	if err != nil || home != base+"index.html" {
		t.Errorf("the 404 page links home to %q", home)
	}
	// Search under the sub-path.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search.html?q=尾矿库"), chromedp.WaitVisible(chromedp.CSS("#results li"))); err != nil {
		t.Fatal(err)
	}
}

func freePort(t *testing.T) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
