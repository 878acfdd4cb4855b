// Package browsertest starts headless Chromium for tests. Where Chromium
// is missing the test is skipped with a message — unless the variable
// QINGDAN_REQUIRE_BROWSER is set (as CI sets it), in which case it fails.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// RequireEnv names the variable that makes browser tests mandatory.
const RequireEnv = "QINGDAN_REQUIRE_BROWSER"

// Path finds Chromium: $QINGDAN_CHROMIUM, or chromium, chromium-browser,
// google-chrome on the PATH.
func Path() string {
	if p := os.Getenv("QINGDAN_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Skip skips (or, with QINGDAN_REQUIRE_BROWSER, fails) a test that needs
// a tool that is missing.
func Skip(t testing.TB, what string) {
	t.Helper()
	msg := what + " is not installed; install it (apt-get install chromium nginx, as .ci/run does) to run this test"
	if os.Getenv(RequireEnv) != "" {
		t.Fatalf("%s, and %s is set, so this test must run", msg, RequireEnv)
	}
	t.Skip(msg)
}

// New starts a headless Chromium and returns a context for a tab in it.
// The browser stops when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	path := Path()
	if path == "" {
		Skip(t, "Chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancel(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium (%s): %v", path, err)
	}
	return ctx
}
