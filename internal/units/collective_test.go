package units_test

import (
	"strings"
	"testing"

	"qingdan/internal/units"
)

const collectivesRegistry = `
groups:
  - name: 各县（市、区）政府
    members: [{name: 忻府区政府}, {name: 代县政府}]
collectives:
  - name: 市安委会有关成员单位
    may_include: [市应急局, 各县（市、区）政府, military]
  - name: 负有安全监管职责的部门
    members: [{name: 市应急局}, {name: 市住建局}]
`

func TestMayInclude(t *testing.T) {
	reg, err := units.LoadRegistry([]byte(collectivesRegistry))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, collective, unit string
		kind                   units.Kind
		want                   bool
	}{
		// by the name of the collective
		{"a municipal collective takes a municipal department", "市有关部门", "市应急局", units.Department, true},
		{"…but no county's department", "市有关部门", "代县应急局", units.Department, false},
		{"…and no government", "市有关部门", "代县政府", units.Government, false},
		{"a collective of departments of no level takes an agency", "负有安全监管职责的部门", "国家矿山安监局山西局监察执法四处", units.Agency, true},
		{"市级… is municipal", "市级负有安全监管职责的部门", "忻州公路分局", units.Agency, false},
		{"committees are made of departments", "各安全生产专业委员会", "市应急局", units.Department, true},
		{"…not of other committees", "各安全生产专业委员会", "市安委办", units.Committee, false},
		{"相关 narrows a group: a member may be in it", "各相关县（市、区）政府", "代县政府", units.Government, true},
		{"…a government outside the group may not", "各相关县（市、区）政府", "忻州经济开发区管委会", units.Government, false},
		{"a department is no county government", "各相关县（市、区）政府", "市应急局", units.Department, false},
		{"each unit of a class of units", "市直有关单位", "市消防救援支队", units.Department, true},
		// declared in the registry
		{"may_include names a unit", "市安委会有关成员单位", "市应急局", units.Department, true},
		{"…a group, for its members", "市安委会有关成员单位", "代县政府", units.Government, true},
		{"…a kind", "市安委会有关成员单位", "忻州军分区", units.Military, true},
		{"…and nothing else", "市安委会有关成员单位", "市住建局", units.Department, false},
		// never
		{"a collective never includes a collective", "负有安全监管职责的部门", "市有关部门", units.Class, false},
		{"…nor a group", "各级政府", "各县（市、区）政府", units.Government, false},
		{"…nor itself", "市有关部门", "市有关部门", units.Class, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := reg.MayInclude(c.collective, c.unit, c.kind); got != c.want {
				t.Errorf("MayInclude(%s, %s) = %v, want %v", c.collective, c.unit, got, c.want)
			}
		})
	}
}

func TestIsCollective(t *testing.T) {
	reg, err := units.LoadRegistry([]byte(collectivesRegistry))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{
		"市有关部门": true, "各相关县（市、区）政府": true, "负有安全监管职责的部门": false, // members declared
		"市安委会有关成员单位": true, "各安全生产专业委员会": true, "各县（市、区）政府": false, // a group
		"市应急局": false, "代县政府": false, "市安委办": false,
	} {
		if got := reg.IsCollective(name); got != want {
			t.Errorf("IsCollective(%s) = %v, want %v", name, got, want)
		}
	}
	// A declared collective keeps its kind, not its members'.
	if k := reg.Kind("负有安全监管职责的部门", false); k != units.Class {
		t.Errorf("kind of a collective with members: %s", k)
	}
	if got := reg.Members("负有安全监管职责的部门"); strings.Join(got, " ") != "市应急局 市住建局" {
		t.Errorf("members of a collective: %v", got)
	}
}

func TestCollectiveErrors(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"groups: [{name: 市有关部门}]", "请列在collectives之下"},
		{"collectives: [{name: 市有关部门, members: [{name: 市应急局}], may_include: [department]}]", "同时写了members和may_include"},
		{"collectives: [{name: 市有关部门, may_include: [\" \"]}]", "may_include中有空名称"},
		{"collectives: [{name: 市有关部门, members: nobody}]", "line 1"},
	} {
		_, err := units.LoadRegistry([]byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error saying %q", c.yaml, err, c.want)
		}
	}
}
