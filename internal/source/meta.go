package source

// MetaField is what a label of a portal page's metadata names.
type MetaField int

// The fields a page's metadata fills; the rest (索引号, 主题分类 …) are
// MetaOther and dropped.
const (
	MetaOther MetaField = iota
	MetaDocNumber
	MetaIssuer
	MetaDate      // 成文日期: the date the notice was signed
	MetaPublished // 发布日期: the date the page went up
	MetaTitle
	MetaSource // 来源: who put the text up, the issuer when nothing else names one
)

// MetaLabels are the labels of a page's metadata (索引号, 发文机关, 文号,
// 成文日期 …), one list for every reader and the grammar.
var MetaLabels = map[string]MetaField{
	"索引号": MetaOther, "主题分类": MetaOther, "体裁分类": MetaOther, "组配分类": MetaOther, "服务对象分类": MetaOther,
	"公文种类": MetaOther, "主题词": MetaOther, "关键词": MetaOther, "有效性": MetaOther, "时效性": MetaOther,
	"是否有效": MetaOther, "公开方式": MetaOther, "公开范围": MetaOther, "规范性文件统一编号": MetaOther, "统一编号": MetaOther,
	"登记号": MetaOther, "所属机构": MetaOther, "信息来源": MetaSource, "来源": MetaSource, "政策原文": MetaOther,
	"政策解读": MetaOther, "字体": MetaOther, "打印": MetaOther, "阅读次数": MetaOther, "浏览次数": MetaOther,
	"点击数": MetaOther, "访问量": MetaOther, "分享到": MetaOther, "作者": MetaOther, "责任编辑": MetaOther,
	"生效日期": MetaOther, "实施日期": MetaOther, "废止日期": MetaOther, "发布时间": MetaPublished, "发布日期": MetaPublished,
	"效力状态": MetaOther, "文件分类": MetaOther, "信息分类": MetaOther, "内容分类": MetaOther, "分类": MetaOther, "所属主题": MetaOther,
	"公开时限": MetaOther, "发布人": MetaOther, "文种": MetaOther, "施行日期": MetaOther, "失效日期": MetaOther, "浏览": MetaOther,
	"浏览量": MetaOther, "阅读量": MetaOther, "访问次数": MetaOther, "点击量": MetaOther, "编辑": MetaOther, "审核": MetaOther, "校对": MetaOther,
	"页面": MetaOther, "对比度": MetaOther, "字号": MetaOther, "时间": MetaPublished, "公开日期": MetaPublished, "公布日期": MetaPublished, "生成日期": MetaPublished,
	"颁布时间": MetaDate, "颁布日期": MetaDate, "印发日期": MetaDate,
	"文号": MetaDocNumber, "文件编号": MetaDocNumber, "发文字号": MetaDocNumber, "发文文号": MetaDocNumber,
	"发文机关": MetaIssuer, "发布机构": MetaIssuer, "发布机关": MetaIssuer, "发布单位": MetaIssuer, "发文单位": MetaIssuer, "发文机构": MetaIssuer, "制发机关": MetaIssuer,
	"成文日期": MetaDate, "成文时间": MetaDate, "发文日期": MetaDate,
	"标题": MetaTitle, "名称": MetaTitle, "信息名称": MetaTitle, "文件名称": MetaTitle,
	"存放位置": MetaOther, "所属栏目": MetaOther, "栏目": MetaOther,
}
