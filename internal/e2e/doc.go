// Package e2e holds the end-to-end tests of the built site in a real
// browser (headless Chromium) and behind a real web server. It has no
// code of its own.
package e2e
