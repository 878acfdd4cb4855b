package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// Word's automatic numbering: a paragraph names a list instance (numId)
// and a level (ilvl); the instance names an abstract definition whose
// level gives the format (chineseCounting, decimal …) and the text around
// the number (lvlText "（%1）"). Counters belong to the abstract
// definition, so instances of one definition continue each other unless
// an instance restarts a level (startOverride), as Word numbers them.

type xVal struct {
	Val string `xml:"val,attr"`
}

type xLvl struct {
	Ilvl    string `xml:"ilvl,attr"`
	Start   *xVal  `xml:"start"`
	Fmt     *xVal  `xml:"numFmt"`
	Text    *xVal  `xml:"lvlText"`
	Restart *xVal  `xml:"lvlRestart"`
	IsLgl   *xVal  `xml:"isLgl"`
	PStyle  *xVal  `xml:"pStyle"`
	// Newer formats come inside AlternateContent with a fallback Word
	// 2007 understands; the fallback is enough for the numbers we need.
	Alt *struct {
		Fallback struct {
			Fmt *xVal `xml:"numFmt"`
		} `xml:"Fallback"`
	} `xml:"AlternateContent"`
}

type xNumbering struct {
	Abstract []struct {
		ID           string `xml:"abstractNumId,attr"`
		Lvl          []xLvl `xml:"lvl"`
		NumStyleLink *xVal  `xml:"numStyleLink"`
	} `xml:"abstractNum"`
	Num []struct {
		ID       string `xml:"numId,attr"`
		Abstract xVal   `xml:"abstractNumId"`
		Override []struct {
			Ilvl  string `xml:"ilvl,attr"`
			Start *xVal  `xml:"startOverride"`
			Lvl   *xLvl  `xml:"lvl"`
		} `xml:"lvlOverride"`
	} `xml:"num"`
}

const maxLevels = 9

type level struct {
	start  int
	format string
	text   string
	// restart is the 1-based level whose use restarts this one; 0 never.
	restart int
	legal   bool
	style   string
}

type abstractNum struct {
	levels    [maxLevels]*level
	styleLink string
}

type numInstance struct {
	abstract string
	// starts and levels are the instance's overrides by level.
	starts map[int]int
	levels map[int]*level
}

// counters is the state of one abstract definition while the document
// is read.
type counters struct {
	value   [maxLevels]int
	started [maxLevels]bool
	// restartAt holds a start an instance imposed, taken at the level's
	// next use.
	restartAt [maxLevels]int
}

// numbering is numbering.xml with the counters of a reading.
type numbering struct {
	abstracts map[string]*abstractNum
	nums      map[string]*numInstance
	styles    *styles
	state     map[string]*counters
	used      map[string]bool
}

func parseLevel(x xLvl) (int, *level) {
	i, err := strconv.Atoi(x.Ilvl)
	if err != nil || i < 0 || i >= maxLevels {
		return -1, nil
	}
	l := &level{start: 1, format: "decimal", restart: -1}
	if x.Start != nil {
		if n, err := strconv.Atoi(x.Start.Val); err == nil {
			l.start = n
		}
	}
	if x.Fmt != nil {
		l.format = x.Fmt.Val
	} else if x.Alt != nil && x.Alt.Fallback.Fmt != nil {
		l.format = x.Alt.Fallback.Fmt.Val
	}
	if x.Text != nil {
		l.text = x.Text.Val
	}
	if x.Restart != nil {
		if n, err := strconv.Atoi(x.Restart.Val); err == nil {
			l.restart = n
		}
	}
	l.legal = x.IsLgl != nil && on(x.IsLgl.Val)
	if x.PStyle != nil {
		l.style = x.PStyle.Val
	}
	return i, l
}

func parseNumbering(x *xNumbering, st *styles) *numbering {
	n := &numbering{
		abstracts: map[string]*abstractNum{},
		nums:      map[string]*numInstance{},
		styles:    st,
		state:     map[string]*counters{},
		used:      map[string]bool{},
	}
	if x == nil {
		return n
	}
	for _, a := range x.Abstract {
		an := &abstractNum{}
		for _, xl := range a.Lvl {
			if i, l := parseLevel(xl); l != nil {
				an.levels[i] = l
			}
		}
		if a.NumStyleLink != nil {
			an.styleLink = a.NumStyleLink.Val
		}
		n.abstracts[a.ID] = an
	}
	for _, x := range x.Num {
		inst := &numInstance{abstract: x.Abstract.Val, starts: map[int]int{}, levels: map[int]*level{}}
		for _, o := range x.Override {
			i, err := strconv.Atoi(o.Ilvl)
			if err != nil || i < 0 || i >= maxLevels {
				continue
			}
			if o.Start != nil {
				if s, err := strconv.Atoi(o.Start.Val); err == nil {
					inst.starts[i] = s
				}
			}
			if o.Lvl != nil {
				o.Lvl.Ilvl = o.Ilvl
				if _, l := parseLevel(*o.Lvl); l != nil {
					inst.levels[i] = l
				}
			}
		}
		n.nums[x.ID] = inst
	}
	return n
}

// abstractOf finds the definition of an instance, following a numbering
// style's link (numStyleLink) once.
func (n *numbering) abstractOf(inst *numInstance) (string, *abstractNum) {
	id := inst.abstract
	a := n.abstracts[id]
	for hops := 0; a != nil && a.styleLink != "" && hops < 4; hops++ {
		numID, _, ok := n.styles.numPr(a.styleLink)
		linked := n.nums[numID]
		if !ok || linked == nil || linked.abstract == id {
			break
		}
		id = linked.abstract
		a = n.abstracts[id]
	}
	return id, a
}

// levelOf returns the definition of a level of an instance.
func (n *numbering) levelOf(inst *numInstance, a *abstractNum, ilvl int) *level {
	if l := inst.levels[ilvl]; l != nil {
		return l
	}
	if a == nil {
		return nil
	}
	return a.levels[ilvl]
}

// styleLevel finds the level of a definition tied to a paragraph style
// (heading numbering: the level's pStyle), for a style that names the
// list but not the level.
func (n *numbering) styleLevel(numID, style string) (int, bool) {
	inst := n.nums[numID]
	if inst == nil {
		return 0, false
	}
	_, a := n.abstractOf(inst)
	for i := 0; i < maxLevels; i++ {
		if l := n.levelOf(inst, a, i); l != nil && l.style == style {
			return i, true
		}
	}
	return 0, false
}

// next counts a numbered paragraph and returns its number as the
// document shows it ("（一）", "1.1"). A bullet or an unknown list gives
// "", and so does numId 0, which Word uses to take numbering off.
func (n *numbering) next(numID string, ilvl int) string {
	inst := n.nums[numID]
	if inst == nil || ilvl < 0 || ilvl >= maxLevels {
		return ""
	}
	id, a := n.abstractOf(inst)
	lvl := n.levelOf(inst, a, ilvl)
	if lvl == nil {
		return ""
	}
	c := n.state[id]
	if c == nil {
		c = &counters{}
		n.state[id] = c
	}
	if !n.used[numID] {
		n.used[numID] = true
		for i, s := range inst.starts {
			c.started[i] = false
			c.restartAt[i] = s
		}
	}
	startOf := func(i int) int {
		if c.restartAt[i] != 0 {
			return c.restartAt[i]
		}
		if l := n.levelOf(inst, a, i); l != nil {
			return l.start
		}
		return 1
	}
	if c.started[ilvl] {
		c.value[ilvl]++
	} else {
		c.value[ilvl] = startOf(ilvl)
		c.started[ilvl] = true
		c.restartAt[ilvl] = 0
	}
	for j := ilvl + 1; j < maxLevels; j++ {
		restart := j // by default a level restarts after the one above it
		if l := n.levelOf(inst, a, j); l != nil && l.restart >= 0 {
			restart = l.restart
		}
		if restart != 0 && ilvl <= restart-1 {
			c.started[j] = false
		}
	}
	if lvl.format == "bullet" {
		return ""
	}
	var b strings.Builder
	text := lvl.text
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			i++
			v, format := startOf(k), "decimal"
			if c.started[k] {
				v = c.value[k]
			}
			if l := n.levelOf(inst, a, k); l != nil {
				format = l.format
			}
			if lvl.legal && k != ilvl {
				format = "decimal"
			}
			b.WriteString(formatNumber(v, format))
			continue
		}
		b.WriteByte(text[i])
	}
	return b.String()
}

// on reads an OOXML boolean attribute; an absent value means true.
func on(v string) bool {
	switch v {
	case "0", "false", "off":
		return false
	}
	return true
}

func decodeNumbering(a *archive, part string, st *styles) (*numbering, error) {
	if part == "" || !a.has(part) {
		return parseNumbering(nil, st), nil
	}
	var x xNumbering
	if err := decodePart(a, part, &x); err != nil {
		return nil, err
	}
	return parseNumbering(&x, st), nil
}

func decodePart(a *archive, part string, v any) error {
	rc, err := a.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return partError(part, err)
	}
	return nil
}
