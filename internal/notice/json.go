package notice

import (
	"bytes"
	"encoding/json"
	"io"
)

// JSON returns the notice as indented JSON, the form `parse` prints and
// public/data/notice.json holds. HTML-sensitive characters are not
// escaped: the output is data, and the site escapes where it embeds it.
func (n *Notice) JSON() ([]byte, error) {
	var b bytes.Buffer
	if err := n.WriteJSON(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteJSON writes the notice's JSON, as JSON returns it, to w.
func (n *Notice) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(n)
}
