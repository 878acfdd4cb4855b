// Package publish writes generated trees safely. Each folder (content/,
// public/) is built as a new version beside the old one and put in place
// in one step, so a reader, a web server or the next build sees either
// the old version or the new one, whatever happens midway: a kill, a full
// disk, an error. Files a person edited or added are never lost silently:
// content/ refuses to overwrite a hand edit, public/ keeps the files the
// build did not make, and a folder an administrator set up (a link to
// the web root, a mount point) is written into, never replaced.
package publish
