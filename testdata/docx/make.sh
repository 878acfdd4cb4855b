#!/bin/sh
# Makes the .docx fixtures with LibreOffice (soffice), from the sources
# mksrc writes into src/: the articles of the saved portal pages in
# ../html, and the shipped notice laid out as its office lays it out.
# Also the files a reader must refuse, in refused/: the notice saved as
# an old binary Word document (.doc), and as a password-protected .docx.
# CI does not run this; the files are committed. Run from anywhere.
set -eu
cd "$(dirname "$0")/../.."
go run ./testdata/docx/mksrc
for f in testdata/docx/src/*.html; do
	soffice --headless --infilter="HTML (StarWriter)" --convert-to "docx:MS Word 2007 XML" --outdir testdata/docx "$f"
done
for f in testdata/docx/src/*.fodt; do
	soffice --headless --convert-to "docx:MS Word 2007 XML" --outdir testdata/docx "$f"
done
mkdir -p testdata/docx/refused
notice=00_xinzhou-2024-anquan-shengchan-tongzhi
soffice --headless --infilter="HTML (StarWriter)" --convert-to "doc:MS Word 97" --outdir testdata/docx/refused "testdata/docx/src/$notice.html"
go run ./testdata/docx/mksrc encrypt "testdata/docx/$notice.docx" "testdata/docx/refused/$notice-password.docx" qingdan
