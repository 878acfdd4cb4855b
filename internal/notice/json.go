package notice

import (
	"bytes"
	"encoding/json"
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

// WriteJSON writes the notice's JSON, as JSON returns it, to b.
func (n *Notice) WriteJSON(b *bytes.Buffer) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(n)
}
