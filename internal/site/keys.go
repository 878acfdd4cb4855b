package site

// A revised notice should cost the pages it touches, not the whole site.
// Each file is made from data: a page from its Page (the views its
// template shows), a table from its rows, a notice's JSON from the
// notice. A file's key digests that data with the program, the templates
// and the options (Options.Version) through cache.Keyer, so whatever a
// view holds is in the key and no field can be left out of it. When the
// last build made the file from the same key, this build keeps that file
// (Options.Reuse) instead of making it again.

// Reuse is what a build offers the site to keep files of the last build.
type Reuse interface {
	// Keep takes path into this build from the last one, and reports
	// whether it did: false when the last build made it from another key,
	// or when the file is no longer as that build left it.
	Keep(path, key string) (bool, error)
	// Made records that this build made path from key.
	Made(path, key string)
}

// keyed returns the key of the file p made from data, and whether the
// last build's file was kept instead; "" when the build keeps nothing.
// Only the main goroutine keys files: the views' Keyer remembers the
// views it walked until they are let go (all).
func (r *renderer) keyed(p string, data ...any) (key string, kept bool, err error) {
	if r.opt.Reuse == nil || r.opt.Version == "" {
		return "", false, nil
	}
	key = r.views.Key(append([]any{r.opt.Version, p}, data...)...)
	kept, err = r.opt.Reuse.Keep(p, key)
	return key, kept, err
}
