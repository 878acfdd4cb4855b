package docx

// A paragraph style may carry numbering (Word's numbered headings): the
// paragraph then names only its style, and the style, or one it is
// based on, names the list.

type xStyles struct {
	Style []struct {
		Type    string  `xml:"type,attr"`
		ID      string  `xml:"styleId,attr"`
		BasedOn *xVal   `xml:"basedOn"`
		NumPr   *xNumPr `xml:"pPr>numPr"`
	} `xml:"style"`
}

type xNumPr struct {
	Ilvl  *xVal `xml:"ilvl"`
	NumID *xVal `xml:"numId"`
}

type style struct {
	basedOn string
	numPr   *xNumPr
}

type styles struct {
	byID map[string]style
}

func decodeStyles(a *archive, part string) (*styles, error) {
	st := &styles{byID: map[string]style{}}
	if part == "" || !a.has(part) {
		return st, nil
	}
	var x xStyles
	if err := decodePart(a, part, &x); err != nil {
		return nil, err
	}
	for _, s := range x.Style {
		var based string
		if s.BasedOn != nil {
			based = s.BasedOn.Val
		}
		st.byID[s.ID] = style{basedOn: based, numPr: s.NumPr}
	}
	return st, nil
}

// numPr returns the list and level a style gives its paragraphs, from
// the style or those it is based on; ilvl is -1 when no style of the
// chain names the level.
func (st *styles) numPr(id string) (numID string, ilvl int, ok bool) {
	ilvl = -1
	for hops := 0; id != "" && hops < 16; hops++ {
		s, found := st.byID[id]
		if !found {
			break
		}
		if s.numPr != nil {
			if ilvl < 0 && s.numPr.Ilvl != nil {
				ilvl = atoi(s.numPr.Ilvl.Val, -1)
			}
			if s.numPr.NumID != nil {
				return s.numPr.NumID.Val, ilvl, true
			}
		}
		id = s.basedOn
	}
	return "", ilvl, false
}
