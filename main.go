// Command qingdan builds a cross-linked, searchable static site from a
// Chinese government work notice and its responsibility table.
//
//	go run .                 build seeds/ into content/ and public/
//	go run . parse FILE      print a notice as JSON
//	go run . check FILE...   print what looks wrong in notices
package main

import (
	"embed"
	"io/fs"
	"os"

	"qingdan/internal/cli"
)

// The default templates and assets; a site may override any of them with
// a file of the same name in its own templates/ folder.
//
//go:embed templates
var embedded embed.FS

func main() {
	templates, err := fs.Sub(embedded, "templates")
	if err != nil {
		panic(err) // the embed directive guarantees the folder
	}
	os.Exit(cli.Main(templates))
}
