"""Problems are values: every check returns them, reporters print them.

Each rule has a stable id, a severity and a short Chinese title. The ids are part of the
public contract (CI, tests and the documentation refer to them), so never renumber a rule:
retire it and add a new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "警告"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str


def _rules(*rows: tuple[str, Severity, str]) -> dict[str, Rule]:
    return {rule_id: Rule(rule_id, severity, title) for rule_id, severity, title in rows}


E, W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = _rules(
    # Y: reading the file (encoding, YAML syntax, YAML traps)
    ("SCP-Y001", E, "YAML 语法错误"),
    ("SCP-Y002", E, "文件不是 UTF-8 编码"),
    ("SCP-Y003", W, "文件以 BOM 开头"),
    ("SCP-Y004", E, "重复的字段名"),
    ("SCP-Y005", E, "不允许的 YAML 标签"),
    ("SCP-Y006", E, "不允许使用锚点别名"),
    ("SCP-Y007", E, "文件过大"),
    ("SCP-Y008", E, "嵌套层级过深"),
    ("SCP-Y009", E, "字段名后用了全角冒号"),
    ("SCP-Y010", E, "用了全角空格缩进"),
    ("SCP-Y011", E, "文件为空"),
    ("SCP-Y012", E, "用了制表符缩进"),
    ("SCP-Y013", E, "一个文件里有多个 YAML 文档"),
    ("SCP-Y014", E, "文件含有不可打印的字符"),
    ("SCP-Y015", E, "字段名不是简单文字"),
    ("SCP-Y016", E, "文件无法读取"),
    ("SCP-Y017", E, "不允许使用 YAML 指令（%YAML、%TAG）"),
    # S: the document against its JSON Schema
    ("SCP-S001", E, "数据类型不对"),
    ("SCP-S002", E, "缺少必填字段"),
    ("SCP-S003", E, "不认识的字段"),
    ("SCP-S004", E, "取值不在可选范围内"),
    ("SCP-S005", E, "格式不对"),
    ("SCP-S006", E, "数值超出范围"),
    ("SCP-S007", E, "长度或条数不符合要求"),
    ("SCP-S008", E, "列表中有重复项"),
    ("SCP-S009", E, "字段组合不符合要求"),
    ("SCP-S010", E, "文件位置不对"),
    # E: rules across documents (errors)
    ("SCP-E001", E, "标识与文件夹名不一致"),
    ("SCP-E002", E, "期别与文件名不一致"),
    ("SCP-E003", E, "期别不在工作日历中"),
    ("SCP-E004", E, "引用的台账目标不存在"),
    ("SCP-E005", E, "引用的台账举措不存在"),
    ("SCP-E006", E, "计量单位与台账不一致"),
    ("SCP-E007", E, "日期不在试点期内"),
    ("SCP-E008", E, "日期先后顺序不对"),
    ("SCP-E009", E, "省份未登记"),
    ("SCP-E010", E, "编号重复"),
    ("SCP-E011", E, "缺少试点基本信息"),
    ("SCP-E012", E, "行业代码不存在"),
    ("SCP-E013", E, "绩效指标不适用于本类试点"),
    ("SCP-E014", E, "主题不适用于本类试点"),
    ("SCP-E015", E, "试点类型与基本信息不一致"),
    ("SCP-E016", E, "中央企业的位置不对"),
    ("SCP-E017", E, "行政区划代码与省份不符"),
    ("SCP-E018", E, "推荐对象不是本省试点企业"),
    ("SCP-E019", E, "引用的试点或经验不存在"),
    ("SCP-E020", E, "举措状态与完成百分比矛盾"),
    ("SCP-E021", E, "工作日历自相矛盾"),
    ("SCP-E022", E, "引用的申报方案条目不存在"),
    ("SCP-E023", E, "数值前后矛盾"),
    ("SCP-E024", E, "还有没填写的「【请填写】」"),
    ("SCP-E025", E, "行政区划代码不在 GB/T 2260 中或级别不对"),
    ("SCP-E026", E, "经验的所属没有登记"),
    ("SCP-E027", E, "工作的批次名单有误"),
    # G: the scope of a change (a pull request)
    ("SCP-G001", E, "一次变更涉及多个归属"),
    ("SCP-G002", E, "报送材料与代码混在一起"),
    ("SCP-G003", E, "删除了已确认的材料"),
    # Q: ledger quality (part 二 of the notice)
    ("SCP-Q001", W, "目标只有定性描述"),
    ("SCP-Q002", W, "目标值与基期值相同"),
    ("SCP-Q003", E, "目标方向与数值矛盾"),
    ("SCP-Q004", W, "台账过于碎片化"),
    ("SCP-Q005", W, "目标没有对应举措"),
    ("SCP-Q006", W, "举措是已完成的工作"),
    ("SCP-Q007", W, "举措在第一份季报中已完成"),
    ("SCP-Q008", W, "里程碑间隔过长"),
    ("SCP-Q009", W, "未注明对应的申报方案条目"),
    ("SCP-Q010", W, "申报方案条目在台账中没有落实"),
    # W: rules across documents (warnings)
    ("SCP-W001", W, "季报缺少台账目标或举措"),
    ("SCP-W002", W, "取消资格后仍报送材料"),
    ("SCP-W003", W, "季报目标的填法与指标类型不符"),
    ("SCP-W004", W, "季报的数值与上一期完全相同"),
    ("SCP-W005", W, "总结报告中有未报告或未公开的部分"),
    ("SCP-W006", W, "登记的试点没有参加任何工作"),
    ("SCP-W007", W, "材料不在试点应报的范围内"),
)


@dataclass(frozen=True)
class Problem:
    """One located finding. ``line`` and ``column`` are 1-based; 0 means the whole file."""

    rule: str
    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.message)

    def as_dict(self) -> dict[str, str | int]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }
