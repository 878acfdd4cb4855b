package downloads

import (
	"bytes"
	"testing"

	"qingdan/internal/units"
)

// units.json is written by hand; it must be what encoding/json gives.
func TestUnitsJSONMatchesMarshal(t *testing.T) {
	full := UnitJSON{
		Name: "市应急局<&>\"", Slug: "shi-ying-ji-ju", Kind: units.Kind("department"), KindLabel: "部门",
		Pinyin: "shiyingjiju", Initials: "syjj", Aliases: []string{"市应急管理局", "\u2028"}, Groups: []string{},
		Members: []string{"甲"}, Count: 2, Lead: 1, Page: "units/shi-ying-ji-ju.html",
		Duties: []DutyJSON{
			{Notice: "xin-zheng-fa-2024-1", Task: "1-1-0-1", Role: units.Lead, Page: "notices/x/tasks/1-1-0-1.html"},
			{Notice: "xin-zheng-fa-2024-1", Task: "2-1-0-1", Role: units.Cooperate, Via: "各县（市、区）政府", Page: "p"},
		},
		Possible: []PossibleJSON{
			{Notice: "n", Via: "市有关部门", Tasks: []string{"3-1-0-1", "3-1-0-2"}},
			{Notice: "n", Via: "负有安全监管职责的部门<>", Tasks: []string{"1-1-0-1"}},
		},
		PossibleCount: 1, MayInclude: []string{"市应急局"},
	}
	empty := UnitJSON{Name: "乙", Aliases: []string{}, Groups: []string{}, Members: []string{}, Duties: []DutyJSON{}, Possible: []PossibleJSON{}, MayInclude: []string{}}
	for _, list := range [][]UnitJSON{{}, {full}, {full, empty, full}} {
		var want, got bytes.Buffer
		if err := marshalTo(&want, list); err != nil {
			t.Fatal(err)
		}
		if unitsJSON(&got, len(list), func(i int) UnitJSON { return list[i] }); !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("units.json of %d units:\n%s\nwant\n%s", len(list), got.Bytes(), want.Bytes())
		}
	}
}
