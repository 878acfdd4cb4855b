package docx_test

import (
	"fmt"
	"os"

	"qingdan/internal/source/docx"
)

// The shipped notice with Word's automatic numbering: the numbers Word
// shows come with each paragraph, apart from its text.
func ExampleRead() {
	data, err := os.ReadFile("../../../testdata/docx/00_xinzhou-2024-anquan-shengchan-tongzhi-autonumber.docx")
	if err != nil {
		fmt.Println(err)
		return
	}
	doc, err := docx.Read(data, "notice.docx")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range doc.Blocks[5:9] {
		fmt.Printf("%s [%s] %.10s…\n", b.Pos, b.Number, b.Text)
	}
	// Output:
	// 第6段 [一、] 以责任落实年为主线，…
	// 第7段 [（一）] 深入贯彻安全发展理念…
	// 第8段 [（二）] 严格落实职责任务。各…
	// 第9段 [1.] 严格党政领导责任。坚…
}
