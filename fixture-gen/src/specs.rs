//! The department forms the fixtures render. Each spec states what the form says (the truth
//! that becomes the expected record); `fixtures()` pairs it with how it is written down.
//!
//! Indicator tables use a compact notation, one indicator a line:
//!   long-term: `level1|level2|level3|target|basis|category`
//!   annual:    `level1|level2|level3|values|basis|category`
//! where `values` is either one text (the two 近两年 values and the target are equal) or
//! `Y-2;Y-1;target`. An empty level1 (or level2) repeats the one above. Without a 指标分类
//! column the last field is left out.

use crate::model::{Amount, Form, Pres};
use crate::values::{Item, block, val};
use perfsheet::record::{
    Annual, AnnualIndicator, FormType, Funds, LongTerm, LongTermIndicator, Record, Source,
    TaskGroup,
};
use std::collections::BTreeMap;

/// What a department's form says.
pub struct Dept {
    pub department: &'static str,
    pub preparer: Option<&'static str>,
    pub phone: Option<&'static str>,
    pub budget_year: i32,
    /// The two 近两年 years; normally budget_year-2 and budget_year-1.
    pub years: [i32; 2],
    pub income: Vec<Item<'static>>,
    pub expenditure: Vec<Item<'static>>,
    pub functions: Vec<&'static str>,
    pub tasks: Vec<(Option<&'static str>, Vec<&'static str>)>,
    pub deadline: Option<i32>,
    pub goals: Vec<&'static str>,
    pub lt: String,
    pub goal: Option<&'static str>,
    pub an: String,
    pub category: bool,
}

fn levels(
    l1: &str,
    l2: &str,
    prev: &mut (String, String),
    line: &str,
) -> (Option<String>, Option<String>) {
    if !l1.is_empty() {
        assert!(!l2.is_empty(), "{line}: level2 missing under a new level1");
        prev.0 = l1.to_string();
    }
    if !l2.is_empty() {
        prev.1 = l2.to_string();
    }
    (Some(prev.0.clone()), Some(prev.1.clone()))
}

fn lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn opt(s: &str) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

pub fn parse_lt(src: &str, category: bool) -> Vec<LongTermIndicator> {
    let mut prev = (String::new(), String::new());
    lines(src)
        .map(|line| {
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            assert_eq!(f.len(), if category { 6 } else { 5 }, "{line}");
            let (level1, level2) = levels(f[0], f[1], &mut prev, line);
            LongTermIndicator {
                level1,
                level2,
                level3: opt(f[2]),
                target: val(f[3]),
                basis: opt(f[4]),
                category: if category { opt(f[5]) } else { None },
            }
        })
        .collect()
}

pub fn parse_an(src: &str, category: bool, years: [i32; 2]) -> Vec<AnnualIndicator> {
    let mut prev = (String::new(), String::new());
    lines(src)
        .map(|line| {
            let f: Vec<&str> = line.split('|').map(str::trim).collect();
            assert_eq!(f.len(), if category { 6 } else { 5 }, "{line}");
            let (level1, level2) = levels(f[0], f[1], &mut prev, line);
            let v: Vec<&str> = f[3].split(';').collect();
            let (a, b, t) = match v.as_slice() {
                [x] => (*x, *x, *x),
                [a, b, t] => (*a, *b, *t),
                _ => panic!("{line}: values"),
            };
            let mut history = BTreeMap::new();
            history.insert(years[0].to_string(), val(a));
            history.insert(years[1].to_string(), val(b));
            AnnualIndicator {
                level1,
                level2,
                level3: opt(f[2]),
                history,
                target: val(t),
                basis: opt(f[4]),
                category: if category { opt(f[5]) } else { None },
            }
        })
        .collect()
}

/// The expected record of a spec (source filled in later by the generator).
pub fn record(d: &Dept) -> Record {
    Record {
        schema_version: "1".into(),
        source: Source {
            path: String::new(),
            format: String::new(),
            part: String::new(),
            bytes: None,
            sha256: None,
        },
        form_type: FormType::Department,
        template: Some(perfsheet::DEPARTMENT_TEMPLATE.into()),
        form: "部门整体绩效目标".into(),
        department: d.department.into(),
        preparer: d.preparer.map(Into::into),
        phone: d.phone.map(Into::into),
        unit: Some("万元".into()),
        budget_year: Some(d.budget_year),
        funds: Funds {
            years: d.years.to_vec(),
            income: block(d.years, &d.income),
            expenditure: block(d.years, &d.expenditure),
        },
        functions: d.functions.iter().map(|s| s.to_string()).collect(),
        annual_tasks: d
            .tasks
            .iter()
            .map(|(t, items)| TaskGroup {
                title: t.map(Into::into),
                items: items.iter().map(|s| s.to_string()).collect(),
            })
            .collect(),
        long_term: LongTerm {
            deadline_year: d.deadline,
            goals: d.goals.iter().map(|s| s.to_string()).collect(),
            indicators: parse_lt(&d.lt, d.category),
        },
        annual: Annual {
            goal: d.goal.map(Into::into),
            indicators: parse_an(&d.an, d.category, d.years),
        },
        main_tasks: vec![],
        main_tasks_total: None,
        warnings: vec![],
    }
}

/// The management block most departments copy from the finance bureau's template
/// (annual notation, with category).
pub const MGMT: &str = "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|绩效基本型
|在职人员控制|在职人员控制率|100%|历史标准|绩效基本型
|项目支出成本控制|“三公”经费变动率|≤0%;≤0%;≤0%|历史标准|绩效基本型
管理效率|预算编制|预算编制科学性|科学|历史标准|绩效基本型
||立项规范性|规范|历史标准|绩效基本型
||预算调整率|≤5%|历史标准|绩效基本型
|预算执行|预算执行率|≥95%;≥95%;100%|历史标准|绩效基本型
||结转结余率|≤5%;≤5%;0%|历史标准|绩效基本型
||政府采购执行率|100%|历史标准|绩效基本型
|绩效管理|绩效监控开展率|100%|历史标准|绩效基本型
||绩效评价覆盖率|100%|历史标准|绩效基本型
|资产管理|资产管理规范性|规范|历史标准|绩效基本型
|财务管理|资金使用合规性|完全合规|历史标准|绩效基本型
";

/// The annual notation's block as long-term lines (the target only).
pub fn to_lt(an: &str) -> String {
    lines(an)
        .map(|l| {
            let mut f: Vec<String> = l.split('|').map(|s| s.to_string()).collect();
            if let Some(v) = f.get_mut(3)
                && let Some(last) = v.split(';').next_back()
            {
                *v = last.to_string();
            }
            f.join("|")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Drops the category field of every line (forms without a 指标分类 column).
pub fn no_cat(src: &str) -> String {
    lines(src)
        .map(|l| {
            let mut f: Vec<&str> = l.split('|').collect();
            f.pop();
            f.join("|")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const IN: [&str; 3] = ["财政拨款", "财政专户管理资金", "单位资金"];
const EX: [&str; 3] = ["人员类项目支出", "运转类项目支出", "特定目标类项目支出"];

pub fn inc(v: [(Option<i64>, Option<i64>, Option<i64>); 3]) -> Vec<Item<'static>> {
    IN.iter()
        .zip(v)
        .map(|(n, (a, b, c))| (*n, a, b, c))
        .collect()
}
pub fn exp(v: [(Option<i64>, Option<i64>, Option<i64>); 3]) -> Vec<Item<'static>> {
    EX.iter()
        .zip(v)
        .map(|(n, (a, b, c))| (*n, a, b, c))
        .collect()
}
pub const NONE3: (Option<i64>, Option<i64>, Option<i64>) = (None, None, None);

/// The seed form, read from its expected record.
pub fn seed() -> Record {
    let mut seed: Record =
        serde_json::from_str(include_str!("seed_000.json")).unwrap_or_else(|e| panic!("seed: {e}"));
    // The shared example leaves `template` to the tool: ours is the department template.
    seed.template = Some(perfsheet::DEPARTMENT_TEMPLATE.into());
    seed
}

pub fn jiaoyu() -> Dept {
    let y = 2024;
    Dept {
        department: "武汉市江岸区教育局",
        preparer: Some("周海燕"),
        phone: Some("027-82831265"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(3_861_250), Some(3_402_118), Some(3_655_040)),
            (Some(125_000), Some(118_600), Some(120_300)),
            (Some(48_760), None, Some(35_210)),
        ]),
        expenditure: exp([
            (Some(2_356_410), Some(2_188_000), Some(2_240_150)),
            (Some(412_600), Some(398_718), Some(405_400)),
            (Some(1_266_000), Some(934_000), Some(1_165_000)),
        ]),
        functions: vec![
            "贯彻执行国家、省、市有关教育工作的方针、政策和法律法规，拟订全区教育发展规划并组织实施。",
            "统筹管理全区学前教育、义务教育、高中阶段教育和特殊教育，推进义务教育均衡发展。",
            "负责全区教育经费的统筹管理，参与拟订教育经费筹措、拨款、基建投资等政策。",
            "负责全区教师队伍建设，指导中小学校长和教师的培训、考核工作。",
            "负责全区各级各类学校的安全稳定工作，指导学校后勤和校园周边环境综合治理。",
            "完成区委、区政府交办的其他任务。",
        ],
        tasks: vec![
            (
                Some("推进教育优质均衡发展"),
                vec![
                    "新建、改扩建中小学校3所，新增学位2700个。",
                    "深化集团化办学，新组建教育集团2个。",
                ],
            ),
            (
                Some("加强教师队伍建设"),
                vec![
                    "开展教师全员培训，完成培训5000人次。",
                    "招聘新教师180名，补充紧缺学科教师。",
                    "落实教师工资待遇保障机制。",
                ],
            ),
            (
                Some("守牢校园安全底线"),
                vec!["开展校园安全隐患排查整治，做到全覆盖、零死角。"],
            ),
        ],
        deadline: Some(2026),
        goals: vec![
            "基本实现县域义务教育优质均衡发展；",
            "学前教育普及普惠水平持续提升，公办园在园幼儿占比达到55%以上；",
            "建设一支高素质专业化创新型教师队伍。",
        ],
        lt: to_lt(&format!(
            "{MGMT}
履职效能|学前教育|普惠性幼儿园覆盖率|≥90%|计划标准|绩效创新型
|义务教育|义务教育巩固率|≥99.5%|计划标准|绩效创新型
|教师培训|教师年度培训完成量|5000人次|计划标准|绩效创新型
满意度|服务对象满意度|家长满意度|≥95%|行业标准|绩效基本型"
        )),
        goal: Some("办好人民满意的教育，推进全区教育优质均衡发展。"),
        an: format!(
            "{MGMT}
履职效能|学前教育|普惠性幼儿园覆盖率|85%;88%;≥90%|计划标准|绩效创新型
||公办园在园幼儿占比|50%;52%;不低于53%|计划标准|绩效创新型
||学前教育资助人数|1200人;1350人;1400人|计划标准|绩效创新型
|义务教育|义务教育巩固率|99.5%|计划标准|绩效创新型
||新增学位数|1800个;2200个;2700个|计划标准|绩效创新型
||新建改扩建学校|2所;3所;3所|计划标准|绩效创新型
||课后服务覆盖率|100%|计划标准|绩效创新型
|高中教育|普通高中毛入学率|≥98%|行业标准|绩效创新型
||高中学生资助覆盖率|100%|行业标准|绩效创新型
|特殊教育|残疾儿童少年入学率|≥97%;≥97%;不低于98%|行业标准|绩效创新型
|教师队伍|教师培训人次|4200人次;4800人次;5000人次|计划标准|绩效创新型
||新招聘教师人数|150人;160人;180人|计划标准|绩效创新型
||教师工资按时足额发放率|100%|计划标准|绩效基本型
社会效应|社会效益|校园安全事故发生次数|0次|行业标准|绩效创新型
||控辍保学动态清零|清零|行业标准|绩效创新型
可持续发展能力|人才支撑|业务学习与培训完成率|100%|历史标准|绩效基本型
||高学历人才储备率|≥30%;≥30%;≥32%|历史标准|绩效基本型
|信息化建设|智慧校园覆盖率|80%;85%;≥90%|计划标准|绩效基本型
满意度|服务对象满意度|家长满意度|94%;95%;≥95%|行业标准|绩效基本型
||学生满意度|≥95%|行业标准|绩效基本型
||教师满意度|≥90%|行业标准|绩效基本型
|联系部门满意度|部门满意度|≥95%|行业标准|绩效基本型
|社会公众满意度|群众满意度|＞90%|行业标准|绩效基本型
|投诉处理|投诉办结率|100%|行业标准|绩效基本型
|舆情处置|负面舆情处置及时率|100%|行业标准|绩效基本型
|政务公开|信息公开及时率|100%|行业标准|绩效基本型
|服务质量|12345工单按时办结率|≥98%|行业标准|绩效基本型"
        ),
        category: true,
    }
}

pub fn weijian() -> Dept {
    let y = 2025;
    Dept {
        department: "黄石市卫生健康委员会",
        preparer: Some("刘建国"),
        phone: Some("0714-6223017"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(2_250_000), Some(1_986_530), Some(2_103_880)),
            (None, None, None),
            (Some(250_000), Some(231_470), Some(240_120)),
        ]),
        expenditure: exp([
            (Some(800_500), Some(765_200), Some(781_000)),
            (Some(120_000), Some(110_800), Some(115_000)),
            (Some(1_579_500), Some(1_342_000), Some(1_448_000)),
        ]),
        functions: vec![
            "组织拟订全市卫生健康事业发展规划和政策措施并组织实施。",
            "协调推进深化医药卫生体制改革，组织深化公立医院综合改革。",
            "制定并组织落实疾病预防控制规划、免疫规划以及严重危害人民健康公共卫生问题的干预措施。",
            "组织拟订并协调落实应对人口老龄化政策措施，负责推进老年健康服务体系建设和医养结合工作。",
            "负责全市计划生育管理和服务工作，开展人口监测预警。",
        ],
        tasks: vec![
            (
                Some("深化医药卫生体制改革"),
                vec![
                    "推进紧密型县域医共体建设。",
                    "完善分级诊疗制度，提升基层医疗卫生服务能力。",
                ],
            ),
            (
                Some("强化公共卫生服务"),
                vec![
                    "做好传染病监测预警和重点人群免疫接种。",
                    "实施基本公共卫生服务项目，提高慢性病规范管理率。",
                ],
            ),
        ],
        deadline: Some(2027),
        goals: vec![
            "建成优质高效的整合型医疗卫生服务体系；",
            "居民主要健康指标达到全省先进水平。",
        ],
        lt: "
产出指标|数量指标|家庭医生签约服务人数|≥60万人|计划标准|个性指标
||适龄儿童免疫规划疫苗接种率|≥95%|行业标准|个性指标
|质量指标|高血压患者规范管理率|≥65%|行业标准|个性指标
|时效指标|突发公共卫生事件报告及时率|100%|行业标准|共性指标
效益指标|社会效益指标|孕产妇死亡率控制|达标|行业标准|个性指标
|可持续影响指标|居民健康素养水平|≥30%|计划标准|个性指标
满意度指标|服务对象满意度指标|患者满意度|≥90%|行业标准|共性指标
"
        .into(),
        goal: Some("提升全市医疗卫生服务能力，保障人民群众生命健康。"),
        an: "
产出指标|数量指标|家庭医生签约服务人数|52万人;55万人;58万人|计划标准|个性指标
||适龄儿童免疫规划疫苗接种率|≥95%|行业标准|个性指标
||基层医疗机构标准化建设数|12个;15个;18个|计划标准|个性指标
||免费孕前优生健康检查目标人群覆盖率|≥80%|行业标准|个性指标
|质量指标|高血压患者规范管理率|62%;63%;≥64%|行业标准|个性指标
||糖尿病患者规范管理率|61%;62%;≥63%|行业标准|个性指标
||严重精神障碍患者规范管理率|≥90%|行业标准|个性指标
|时效指标|突发公共卫生事件报告及时率|100%|行业标准|共性指标
||传染病疫情报告及时率|100%|行业标准|共性指标
|成本指标|人均基本公共卫生服务经费补助标准|89元;94元;99元|预算标准|共性指标
效益指标|社会效益指标|孕产妇死亡率控制|达标|行业标准|个性指标
||婴儿死亡率|低于全省平均水平|行业标准|个性指标
|可持续影响指标|居民健康素养水平|27%;28%;≥29%|计划标准|个性指标
满意度指标|服务对象满意度指标|患者满意度|≥90%|行业标准|共性指标
||基本公卫服务对象满意度|≥85%|行业标准|共性指标
"
        .into(),
        category: true,
    }
}

pub fn caizheng() -> Dept {
    let y = 2023;
    Dept {
        department: "宜昌市财政局",
        preparer: Some("王丽"),
        phone: Some("0717-6229518"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(563_218), Some(498_760), Some(521_300)),
            (None, None, None),
            (None, None, None),
        ]),
        expenditure: exp([
            (Some(312_400), Some(296_010), Some(301_200)),
            (Some(58_618), Some(52_750), Some(55_100)),
            (Some(192_200), Some(150_000), Some(165_000)),
        ]),
        functions: vec![
            "贯彻执行国家财税方针政策，拟订全市财政发展战略、中长期规划和改革方案。",
            "负责管理全市各项财政收支，编制年度市级预决算草案并组织执行。",
            "负责政府非税收入管理，负责政府性基金管理。",
            "负责管理市级行政事业单位国有资产，拟订资产管理制度。",
            "负责政府采购监督管理工作。",
            "负责全面实施预算绩效管理，组织开展财政支出绩效评价。",
            "监督检查财税法规、政策的执行情况，反映财政收支管理中的重大问题。",
        ],
        tasks: vec![
            (
                Some("聚焦财源建设"),
                vec!["加强收入征管，确保一般公共预算收入稳定增长。"],
            ),
            (
                Some("深化预算管理改革"),
                vec![
                    "推进零基预算改革。",
                    "全面实施预算绩效管理，扩大绩效评价范围。",
                    "加强政府债务管理，防范化解债务风险。",
                ],
            ),
        ],
        deadline: Some(2025),
        goals: vec![
            "建立全面规范透明、标准科学、约束有力的预算制度；",
            "政府债务风险总体可控。",
        ],
        lt: "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|绩效基本型
管理效率|预算执行|预算执行率|≥95%|历史标准|绩效基本型
|绩效管理|绩效评价覆盖率|100%|历史标准|绩效基本型
履职效能|财政收入|一般公共预算收入增长率|≥5%|计划标准|绩效创新型
|预算绩效|重点项目绩效评价数量|不少于20个|计划标准|绩效创新型
|债务管理|政府债务风险等级|绿色|计划标准|绩效创新型
满意度|服务对象满意度|预算单位满意度|≥95%|历史标准|绩效基本型
"
        .into(),
        goal: Some("保持财政收支平衡，提升财政资金使用绩效。"),
        an: "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|绩效基本型
|在职人员控制|在职人员控制率|100%|历史标准|绩效基本型
管理效率|预算执行|预算执行率|96%;97%;≥95%|历史标准|绩效基本型
|绩效管理|绩效评价覆盖率|100%|历史标准|绩效基本型
履职效能|财政收入|一般公共预算收入增长率|3.2%;6.1%;≥5%|计划标准|绩效创新型
|预算绩效|重点项目绩效评价数量|15个;18个;不少于20个|计划标准|绩效创新型
||事前绩效评估项目数|8个;12个;15个|计划标准|绩效创新型
|政府采购|政府采购项目审核办结时限|5天;5天;≤3天|计划标准|绩效创新型
|债务管理|政府债务风险等级|绿色|计划标准|绩效创新型
满意度|服务对象满意度|预算单位满意度|≥95%|历史标准|绩效基本型
"
        .into(),
        category: true,
    }
}

pub fn jiaotong() -> Dept {
    let y = 2026;
    Dept {
        department: "襄阳市交通运输局",
        preparer: Some("陈志强"),
        phone: Some("0710-3512206"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(4_120_000), Some(3_850_000), Some(3_990_000)),
            (None, None, None),
            (Some(380_000), Some(410_000), Some(395_000)),
        ]),
        expenditure: exp([
            (Some(1_050_000), Some(1_010_000), Some(1_032_000)),
            (Some(150_000), Some(145_000), Some(148_000)),
            (Some(3_300_000), Some(3_105_000), Some(3_205_000)),
        ]),
        functions: vec![
            "贯彻执行国家和省交通运输工作方针政策和法律法规，拟订全市交通运输发展规划。",
            "负责全市公路、水路、城市公共交通行业管理。",
            "负责全市农村公路建设、养护和管理工作。",
            "负责道路运输市场监管和交通运输安全生产监督管理。",
        ],
        tasks: vec![
            (
                Some("加快综合交通基础设施建设"),
                vec!["新改建农村公路300公里。", "实施危桥改造12座。"],
            ),
            (
                Some("提升运输服务水平"),
                vec!["新增和更新新能源公交车100辆。"],
            ),
            (Some("抓好交通运输安全生产。"), vec![]),
        ],
        deadline: Some(2030),
        goals: vec!["建成内畅外联、便捷高效的综合交通运输体系。"],
        lt: "
产出指标|数量指标|新改建农村公路里程|1500公里|计划标准|个性指标
||危桥改造数量|60座|计划标准|个性指标
|质量指标|农村公路优良中等路率|≥85%|行业标准|个性指标
效益指标|社会效益指标|建制村通客车率|100%|行业标准|个性指标
满意度指标|服务对象满意度指标|群众满意度|≥90%|行业标准|共性指标
"
        .into(),
        goal: Some("完善路网结构，提升公路通行能力和运输服务水平。"),
        an: "
产出指标|数量指标|新改建农村公路里程|280公里;295公里;300公里|计划标准|个性指标
||危桥改造数量|10座;11座;12座|计划标准|个性指标
||新能源公交车更新数量|80辆;90辆;100辆|计划标准|个性指标
||道路运输企业安全检查次数|不少于12次|计划标准|个性指标
|质量指标|农村公路优良中等路率|82%;84%;≥85%|行业标准|个性指标
||工程交工验收合格率|100%|行业标准|个性指标
|时效指标|项目按期完工率|≥95%|计划标准|共性指标
|成本指标|农村公路养护资金|不超过 10 万元|预算标准|共性指标
效益指标|社会效益指标|建制村通客车率|100%|行业标准|个性指标
||较大及以上安全事故|未发生|行业标准|个性指标
|经济效益指标|公路货运量增长率|5%;6%;≥6%|历史标准|个性指标
满意度指标|服务对象满意度指标|群众满意度|≥90%|行业标准|共性指标
"
        .into(),
        category: true,
    }
}

pub fn ziran() -> Dept {
    let y = 2022;
    Dept {
        department: "荆州市自然资源和规划局",
        preparer: Some("李明"),
        phone: Some("0716-8453921"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(1_876_540), Some(1_690_330), Some(1_802_460)),
            (None, None, None),
            (Some(23_460), Some(18_000), Some(20_000)),
        ]),
        expenditure: exp([
            (Some(920_000), Some(888_330), Some(901_460)),
            (Some(180_000), Some(170_000), Some(176_000)),
            (Some(800_000), Some(650_000), Some(745_000)),
        ]),
        functions: vec![
            "履行全民所有土地、矿产、森林、湿地、水等自然资源资产所有者职责。",
            "负责自然资源调查监测评价和统一确权登记工作。",
            "负责国土空间规划编制和监督实施，负责耕地保护工作。",
            "负责测绘地理信息管理工作。",
        ],
        tasks: vec![
            (
                Some("严格耕地保护"),
                vec!["落实耕地保护目标责任，完成耕地占补平衡任务。"],
            ),
            (
                Some("推进国土空间规划编制"),
                vec![
                    "完成市级国土空间总体规划报批。",
                    "推进乡镇国土空间规划编制。",
                ],
            ),
        ],
        deadline: Some(2025),
        goals: vec![
            "建立全市国土空间规划体系并监督实施；",
            "耕地保有量和永久基本农田保护面积不减少。",
        ],
        lt: "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|绩效基本型
|项目支出成本控制|会议费控制率|100%|历史标准|绩效基本型
管理效率|预算执行|预算执行率|100%|历史标准|绩效基本型
履职效能|耕地保护|耕地保有量|完成上级下达任务|计划标准|绩效创新型
|不动产登记|不动产登记办结时限|≤5天|行业标准|绩效创新型
满意度|服务对象满意度|办事群众满意度|≥95%|行业标准|绩效基本型
"
        .into(),
        goal: Some("守住耕地保护红线，提升自然资源管理和服务水平。"),
        an: "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|绩效基本型
管理效率|预算执行|预算执行率|100%|历史标准|绩效基本型
履职效能|耕地保护|耕地保有量|完成;完成;完成上级下达任务|计划标准|绩效创新型
||卫片执法图斑整改率|100%|行业标准|绩效创新型
|不动产登记|不动产登记办结时限|10天;7天;≤5天|行业标准|绩效创新型
|测绘地理|基础测绘成果更新面积|500平方米;600平方米;800平方米|计划标准|绩效创新型
满意度|服务对象满意度|办事群众满意度|≥95%|行业标准|绩效基本型
"
        .into(),
        category: true,
    }
}

pub fn shichang() -> Dept {
    let y = 2025;
    Dept {
        department: "十堰市市场监督管理局",
        preparer: Some("赵红梅"),
        phone: Some("0719-8106153"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(1_532_090), Some(1_411_000), Some(1_488_600)),
            (None, None, None),
            (None, None, None),
        ]),
        expenditure: exp([
            (Some(1_006_090), Some(958_000), Some(990_600)),
            (Some(126_000), Some(118_000), Some(121_000)),
            (Some(400_000), Some(335_000), Some(377_000)),
        ]),
        functions: vec![
            "负责市场综合监督管理，组织和指导市场监管综合执法工作。",
            "负责市场主体统一登记注册，建立市场主体信息公示和共享机制。",
            "负责食品安全监督管理综合协调和监督管理。",
            "负责特种设备安全监督管理。",
            "负责计量、标准化、认证认可和检验检测工作。",
        ],
        tasks: vec![
            (
                Some("优化营商环境"),
                vec!["深化商事制度改革，企业开办时间压缩至１个工作日内。"],
            ),
            (
                Some("守牢安全底线"),
                vec![
                    "开展食品安全抽检，完成抽检任务。",
                    "开展特种设备隐患排查治理。",
                ],
            ),
        ],
        deadline: Some(2027),
        goals: vec!["构建统一开放、竞争有序、诚信守法、监管有力的现代市场体系。"],
        lt: "
运行成本|公用经费控制|公用经费控制率|１００％|历史标准|绩效基本型
管理效率|预算执行|预算执行率|≥95%|历史标准|绩效基本型
履职效能|食品安全|食品安全抽检次数|不少于4000次|行业标准|绩效创新型
|特种设备|特种设备定期检验率|≥99%|行业标准|绩效创新型
社会效应|社会效益|重大食品安全事故|不发生|行业标准|绩效创新型
可持续发展能力|人才支撑|业务培训完成率|100%|历史标准|绩效基本型
满意度|服务对象满意度|市场主体满意度|≥90%|行业标准|绩效基本型
"
        .into(),
        goal: Some("营造安全放心的消费环境和公平竞争的市场环境。"),
        an: "
运行成本|公用经费控制|公用经费控制率|１００％|历史标准|绩效基本型
|在职人员控制|在职人员控制率|100%|历史标准|绩效基本型
管理效率|预算执行|预算执行率|97%;98%;≥95%|历史标准|绩效基本型
|绩效管理|绩效监控开展率|100%|历史标准|绩效基本型
履职效能|食品安全|食品安全抽检次数|3500次;3800次;不少于4000次|行业标准|绩效创新型
||食品安全抽检合格率|≥９８％|行业标准|绩效创新型
|特种设备|特种设备定期检验率|≥99%|行业标准|绩效创新型
|登记注册|企业开办时间|1个工作日;1个工作日;≤1个工作日|行业标准|绩效创新型
|消费维权|消费投诉处理率|100%|行业标准|绩效创新型
社会效应|社会效益|重大食品安全事故|不发生|行业标准|绩效创新型
可持续发展能力|人才支撑|业务培训完成率|100%|历史标准|绩效基本型
满意度|服务对象满意度|市场主体满意度|≥90%|行业标准|绩效基本型
"
        .into(),
        category: true,
    }
}

pub fn minzheng() -> Dept {
    let y = 2023;
    Dept {
        department: "孝感市民政局",
        preparer: Some("孙丽娟"),
        phone: Some("0712-2852310"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(2_845_050), Some(2_601_200), Some(2_730_000)),
            (None, None, None),
            (Some(4_950), Some(3_800), Some(4_000)),
        ]),
        expenditure: exp([
            (Some(410_000), Some(395_000), Some(402_000)),
            (Some(90_000), Some(85_000), Some(88_000)),
            (Some(2_350_000), Some(2_125_000), Some(2_244_000)),
        ]),
        functions: vec![
            "拟订全市民政事业发展规划和政策措施并组织实施。",
            "负责社会组织登记管理和执法监督工作。",
            "拟订并组织实施全市社会救助规划、政策和标准，健全城乡社会救助体系。",
            "负责养老服务、儿童福利和殡葬管理工作。",
            "负责行政区划、地名管理和行政区域界线管理工作。",
        ],
        tasks: vec![
            (
                Some("兜牢民生底线"),
                vec!["按时足额发放城乡低保、特困供养资金。", "做好临时救助工作。"],
            ),
            (
                Some("发展养老服务"),
                vec!["新建社区养老服务设施10个。", "推进居家和社区养老服务改革。"],
            ),
        ],
        deadline: Some(2025),
        goals: vec![
            "健全分层分类的社会救助体系；",
            "基本建成居家社区机构相协调、医养康养相结合的养老服务体系。",
        ],
        lt: "
产出指标|数量指标|城乡低保保障人数|42000人|计划标准|个性指标
||新建社区养老服务设施|40个|计划标准|个性指标
|质量指标|低保资金发放准确率|100%|行业标准|个性指标
效益指标|社会效益指标|困难群众基本生活保障|有效保障|行业标准|个性指标
满意度指标|服务对象满意度指标|救助对象满意度|≥95%|行业标准|共性指标
"
        .into(),
        goal: Some("保障困难群众基本生活，提升基本社会服务水平。"),
        an: "
产出指标|数量指标|城乡低保保障人数|45000人;43000人;42000人|计划标准|个性指标
||特困人员供养人数|6800人;6650人;6500人|计划标准|个性指标
||临时救助人次|5200人次;5400人次;5500人次|计划标准|个性指标
||新建社区养老服务设施|8个;9个;10个|计划标准|个性指标
||婚姻登记合格率|100%|行业标准|个性指标
|质量指标|低保资金发放准确率|100%|行业标准|个性指标
|时效指标|救助资金按时发放率|100%|行业标准|共性指标
|成本指标|城市低保月保障标准|620元;650元;680元|预算标准|个性指标
效益指标|社会效益指标|困难群众基本生活保障|有效保障|行业标准|个性指标
满意度指标|服务对象满意度指标|救助对象满意度|≥95%|行业标准|共性指标
"
        .into(),
        category: true,
    }
}

pub fn wenlv() -> Dept {
    let y = 2024;
    Dept {
        department: "荆门市文化和旅游局",
        preparer: Some("黄思远"),
        phone: Some("0724-2339025"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(925_500), Some(870_000), Some(901_200)),
            (None, None, None),
            (Some(74_500), Some(60_000), Some(68_800)),
        ]),
        expenditure: exp([
            (Some(455_000), Some(430_000), Some(441_000)),
            (Some(95_000), Some(90_000), Some(92_000)),
            (Some(450_000), Some(410_000), Some(437_000)),
        ]),
        functions: vec![
            "贯彻落实文化和旅游工作方针政策，拟订全市文化和旅游发展规划并组织实施。",
            "负责全市公共文化服务体系建设，推进文化惠民工程。",
            "负责文物和非物质文化遗产保护工作。",
            "负责全市旅游市场开发和推广，统筹旅游资源普查。",
            "负责文化和旅游市场综合执法监管。",
        ],
        tasks: vec![
            (
                Some("完善公共文化服务"),
                vec!["开展送戏下乡演出200场。", "推进城市书房建设。"],
            ),
            (
                Some("推动文旅融合发展"),
                vec!["举办文化旅游节会活动。", "创建国家A级旅游景区2家。"],
            ),
        ],
        deadline: Some(2026),
        goals: vec!["建成现代公共文化服务体系，打造区域文化旅游目的地。"],
        lt: no_cat(
            "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|x
管理效率|预算执行|预算执行率|≥95%|历史标准|x
履职效能|公共文化|送戏下乡演出场次|800场|计划标准|x
|旅游发展|国家A级旅游景区创建数量|8家|计划标准|x
|文物保护|文物安全事故发生次数|0次|行业标准|x
满意度|服务对象满意度|群众满意度|≥90%|行业标准|x
",
        ),
        goal: Some("丰富群众文化生活，促进文化旅游产业高质量发展。"),
        an: no_cat(
            "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|x
管理效率|预算执行|预算执行率|≥95%|历史标准|x
履职效能|公共文化|送戏下乡演出场次|180场;190场;200场|计划标准|x
||公共图书馆年流通人次|35万人次;40万人次;45万人次|计划标准|x
|旅游发展|国家A级旅游景区创建数量|1家;2家;2家|计划标准|x
||旅游接待人次增长率|8%;12%;≥10%|计划标准|x
|文物保护|文物安全事故发生次数|0次|行业标准|x
社会效应|社会效益|群众文化获得感|明显提升|行业标准|x
满意度|服务对象满意度|群众满意度|≥90%|行业标准|x
",
        ),
        category: false,
    }
}

pub fn shengtai() -> Dept {
    let y = 2026;
    Dept {
        department: "咸宁市生态环境局",
        preparer: Some("吴晓东"),
        phone: Some("0715-8128631"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(1_275_430), Some(1_120_000), Some(1_198_000)),
            (None, None, None),
            (None, None, None),
        ]),
        expenditure: exp([
            (Some(560_430), Some(540_000), Some(552_000)),
            (Some(85_000), Some(80_000), Some(83_000)),
            (Some(630_000), Some(500_000), Some(563_000)),
        ]),
        functions: vec![
            "负责建立健全全市生态环境基本制度，拟订生态环境政策、规划并组织实施。",
            "负责重大生态环境问题的统筹协调和监督管理。",
            "负责全市环境污染防治的监督管理。",
            "负责生态环境监测和信息发布工作。",
            "负责生态环境监督执法，组织开展全市生态环境保护执法检查活动。",
        ],
        tasks: vec![
            (
                Some("深入打好污染防治攻坚战"),
                vec![
                    "持续开展大气污染防治，PM2.5平均浓度持续下降。",
                    "推进长江流域水生态保护，国考断面水质优良比例达到100%。",
                ],
            ),
            (Some("加强生态环境监管执法"), vec!["开展生态环境执法检查。"]),
        ],
        deadline: Some(2030),
        goals: vec!["生态环境质量持续改善；", "主要污染物排放总量持续减少。"],
        lt: "
产出指标|数量指标|生态环境执法检查企业数|2000家|计划标准|个性指标
|质量指标|空气质量优良天数比例|≥90%|行业标准|个性指标
||国考断面水质优良比例|100%|行业标准|个性指标
效益指标|生态效益指标|PM2.5年均浓度|持续下降|行业标准|个性指标
满意度指标|服务对象满意度指标|公众对生态环境满意度|≥90%|行业标准|共性指标
"
        .into(),
        goal: Some("持续改善生态环境质量，守护绿水青山。"),
        an: "
产出指标|数量指标|生态环境执法检查企业数|380家;400家;420家|计划标准|个性指标
||环境监测站点运维数量|42个;45个;45个|计划标准|个性指标
|质量指标|空气质量优良天数比例|87.5%;88.9%;≥90%|行业标准|个性指标
||国考断面水质优良比例|100%|行业标准|个性指标
||集中式饮用水水源地水质达标率|100%|行业标准|个性指标
|时效指标|环境信访件按期办结率|100%|行业标准|共性指标
效益指标|生态效益指标|PM2.5年均浓度|持续下降|行业标准|个性指标
||突发环境事件|不发生|行业标准|个性指标
满意度指标|服务对象满意度指标|公众对生态环境满意度|≥90%|行业标准|共性指标
"
        .into(),
        category: true,
    }
}

pub fn renshe() -> Dept {
    let y = 2022;
    Dept {
        department: "随州市人力资源和社会保障局",
        preparer: Some("郑文杰"),
        phone: Some("0722-3252076"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(1_650_000), Some(1_520_000), Some(1_588_000)),
            (Some(180_000), Some(160_000), Some(172_000)),
            (None, None, None),
        ]),
        expenditure: exp([
            (Some(690_000), Some(660_000), Some(675_000)),
            (Some(140_000), Some(130_000), Some(135_000)),
            (Some(1_000_000), Some(890_000), Some(950_000)),
        ]),
        functions: vec![
            "拟订全市人力资源和社会保障事业发展规划、政策并组织实施。",
            "负责促进就业工作，统筹建立覆盖城乡的就业创业服务体系。",
            "统筹建立覆盖城乡的多层次社会保障体系。",
            "负责全市职业能力建设，拟订职业培训政策。",
            "统筹拟订劳动关系政策，组织实施劳动保障监察。",
        ],
        tasks: vec![
            (
                Some("稳定和扩大就业"),
                vec!["城镇新增就业1.8万人。", "开展补贴性职业技能培训。"],
            ),
            (Some("完善社会保障体系"), vec!["推进全民参保计划。"]),
            (Some("构建和谐劳动关系"), vec!["开展根治欠薪专项行动。"]),
        ],
        deadline: Some(2025),
        goals: vec![
            "实现更加充分更高质量就业；",
            "建成覆盖全民、统筹城乡的社会保障体系。",
        ],
        lt: "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|绩效基本型
管理效率|预算执行|预算执行率|100%|历史标准|绩效基本型
履职效能|就业创业|城镇新增就业人数|70000人|计划标准|绩效创新型
|社会保障|基本养老保险参保率|≥95%|计划标准|绩效创新型
|劳动关系|劳动人事争议仲裁结案率|≥95%|行业标准|绩效创新型
满意度|服务对象满意度|参保群众满意度|≥95%|行业标准|绩效基本型
"
        .into(),
        goal: Some("促进就业创业，织密社会保障网。"),
        an: "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|绩效基本型
|在职人员控制|在职人员控制率|100%|历史标准|绩效基本型
管理效率|预算执行|预算执行率|100%|历史标准|绩效基本型
|绩效管理|绩效目标合理性|100%|历史标准|绩效基本型
履职效能|就业创业|城镇新增就业人数|17500人;17800人;18000人|计划标准|绩效创新型
||补贴性职业技能培训人次|12000人次;13000人次;不少于15000人次|计划标准|绩效创新型
||城镇登记失业率|＜4.5%|计划标准|绩效创新型
|社会保障|基本养老保险参保率|≥95%|计划标准|绩效创新型
||社保待遇按时足额发放率|100%|行业标准|绩效创新型
|劳动关系|劳动人事争议仲裁结案率|≥95%|行业标准|绩效创新型
||欠薪案件办结率|100%|行业标准|绩效创新型
社会效应|社会效益|重大欠薪群体性事件|不发生|行业标准|绩效创新型
满意度|服务对象满意度|参保群众满意度|≥95%|行业标准|绩效基本型
"
        .into(),
        category: true,
    }
}

pub fn yingji() -> Dept {
    let y = 2025;
    Dept {
        department: "恩施州应急管理局",
        preparer: Some("向红"),
        phone: Some("0718-8241103"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(786_600), Some(712_300), Some(755_000)),
            (None, None, None),
            (None, None, None),
        ]),
        expenditure: exp([
            (Some(356_600), Some(342_300), Some(350_000)),
            (Some(70_000), Some(65_000), Some(68_000)),
            (Some(360_000), Some(305_000), Some(337_000)),
        ]),
        functions: vec![
            "负责全州应急管理工作，指导各县市应对安全生产类、自然灾害类等突发事件。",
            "组织编制全州总体应急预案和安全生产类、自然灾害类专项预案。",
            "负责全州安全生产综合监督管理和工矿商贸行业安全生产监督管理。",
            "负责全州防灾减灾救灾工作。",
        ],
        tasks: vec![
            (
                Some("强化安全生产监管"),
                vec!["开展安全生产专项整治。", "开展安全生产执法检查。"],
            ),
            (Some("提升防灾减灾救灾能力"), vec!["组织开展应急演练。"]),
        ],
        deadline: Some(2027),
        goals: vec!["安全生产形势持续稳定向好，防灾减灾救灾能力明显提升。"],
        lt: "
履职效能|安全生产|生产安全事故死亡人数下降率|≥5%|计划标准|绩效创新型
|防灾减灾|自然灾害应急响应启动及时率|100%|行业标准|绩效创新型
满意度|服务对象满意度|群众满意度|≥90%|行业标准|绩效基本型
"
        .into(),
        goal: Some("防范化解重大安全风险，保障人民群众生命财产安全。"),
        an: "
履职效能|安全生产|安全生产执法检查企业数|600家;650家;700家|计划标准|绩效创新型
||生产安全事故死亡人数下降率|≥5%|计划标准|绩效创新型
|防灾减灾|应急演练次数|不少于3次|计划标准|绩效创新型
||受灾群众救助时限|24小时;24小时;≤12小时|行业标准|绩效创新型
|应急保障|应急物资储备|充足|行业标准|绩效创新型
满意度|服务对象满意度|群众满意度|≥90%|行业标准|绩效基本型
"
        .into(),
        category: true,
    }
}

pub fn nongye() -> Dept {
    let y = 2025;
    Dept {
        department: "武汉市洪山区农业农村局",
        preparer: Some("彭丹"),
        phone: Some("027-87865520"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(1_320_000), Some(1_210_500), Some(1_256_800)),
            (None, None, None),
            (Some(30_000), None, Some(25_000)),
        ]),
        expenditure: exp([
            (Some(380_000), Some(365_000), Some(372_000)),
            (Some(70_000), Some(65_500), Some(68_000)),
            (Some(900_000), Some(780_000), Some(841_800)),
        ]),
        functions: vec![
            "统筹研究和组织实施全区“三农”工作发展规划和政策。",
            "负责种植业、畜牧业、渔业等农业各产业的监督管理。",
            "负责农产品质量安全监督管理。",
            "负责农田建设项目管理，推进高标准农田建设。",
            "指导农村集体资产管理和农村经营管理工作。",
        ],
        tasks: vec![
            (
                Some("保障粮食和重要农产品稳定安全供给"),
                vec!["稳定粮食播种面积。", "新建高标准农田3000亩。"],
            ),
            (
                Some("推进乡村全面振兴"),
                vec!["发展都市现代农业。", "开展农村人居环境整治。"],
            ),
        ],
        deadline: Some(2027),
        goals: vec!["农业综合生产能力稳步提升，农民收入持续较快增长。"],
        lt: "
产出指标|数量指标|高标准农田建设面积|12000亩|计划标准|个性指标
|质量指标|农产品质量安全监测合格率|≥98%|行业标准|个性指标
效益指标|经济效益指标|农村居民人均可支配收入增长率|≥7%|计划标准|个性指标
满意度指标|服务对象满意度指标|农户满意度|≥90%|行业标准|共性指标
"
        .into(),
        goal: Some("推动农业高质高效、乡村宜居宜业、农民富裕富足。"),
        an: "
产出指标|数量指标|高标准农田建设面积|2500亩;2800亩;3000亩|计划标准|个性指标
||粮食播种面积|稳定|计划标准|个性指标
||农技培训人次|800人次;900人次;1000人次|计划标准|个性指标
|质量指标|农产品质量安全监测合格率|≥98%|行业标准|个性指标
|时效指标|补贴资金兑付及时率|100%|行业标准|共性指标
效益指标|经济效益指标|农村居民人均可支配收入增长率|7.5%;7.2%;≥7%|计划标准|个性指标
|生态效益指标|农作物秸秆综合利用率|≥95%|行业标准|个性指标
满意度指标|服务对象满意度指标|农户满意度|≥90%|行业标准|共性指标
"
        .into(),
        category: true,
    }
}

pub fn zhujian() -> Dept {
    // The title says 2025 but the 近两年 columns are 2022 and 2023: title wins, with a
    // year_conflict warning.
    let y = 2025;
    Dept {
        department: "潜江市住房和城乡建设局",
        preparer: Some("胡军"),
        phone: Some("0728-6241577"),
        budget_year: y,
        years: [2022, 2023],
        income: inc([
            (Some(968_000), Some(902_000), Some(930_000)),
            (None, None, None),
            (Some(12_000), Some(10_000), Some(11_000)),
        ]),
        expenditure: exp([
            (Some(430_000), Some(412_000), Some(420_000)),
            (Some(50_000), Some(48_000), Some(49_000)),
            (Some(500_000), Some(452_000), Some(472_000)),
        ]),
        functions: vec![
            "贯彻执行住房和城乡建设方面的法律法规和方针政策。",
            "承担保障城镇低收入家庭住房的责任。",
            "负责建筑市场和工程质量安全监督管理。",
            "负责城市基础设施建设和管理。",
        ],
        tasks: vec![
            (Some("推进城镇老旧小区改造"), vec!["改造老旧小区25个。"]),
            (
                Some("加强建筑工程质量安全监管"),
                vec!["开展建筑施工安全专项检查。"],
            ),
        ],
        deadline: Some(2027),
        goals: vec!["城市功能品质持续提升，住房保障体系更加完善。"],
        lt: "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|绩效基本型
履职效能|城市更新|老旧小区改造数量|100个|计划标准|绩效创新型
|质量安全|工程质量验收合格率|100%|行业标准|绩效创新型
满意度|服务对象满意度|居民满意度|≥90%|行业标准|绩效基本型
"
        .into(),
        goal: Some("完善城市功能，改善人居环境。"),
        an: "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|绩效基本型
管理效率|预算执行|预算执行率|≥95%|历史标准|绩效基本型
履职效能|城市更新|老旧小区改造数量|20个;22个;25个|计划标准|绩效创新型
||保障性租赁住房筹集户数|300户;350户;400户|计划标准|绩效创新型
|质量安全|工程质量验收合格率|100%|行业标准|绩效创新型
||建筑施工安全检查次数|不少于4次|行业标准|绩效创新型
满意度|服务对象满意度|居民满意度|≥90%|行业标准|绩效基本型
"
        .into(),
        category: true,
    }
}

pub fn yibao() -> Dept {
    // A small office: tasks without （一） headings, no 截止 year, empty history cells
    // (a new indicator), an empty phone.
    let y = 2026;
    Dept {
        department: "天门市医疗保障局",
        preparer: Some("马骏"),
        phone: None,
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([(Some(312_450), Some(288_000), Some(301_000)), NONE3, NONE3]),
        expenditure: exp([
            (Some(198_450), Some(190_000), Some(194_000)),
            (Some(34_000), Some(33_000), Some(33_500)),
            (Some(80_000), Some(65_000), Some(73_500)),
        ]),
        functions: vec![
            "贯彻执行医疗保险、生育保险、医疗救助等医疗保障制度的法律法规和政策。",
            "组织实施医疗保障基金监督管理办法，建立健全医疗保障基金安全防控机制。",
            "组织制定和调整药品、医用耗材价格和医疗服务项目收费政策。",
        ],
        tasks: vec![(
            None,
            vec![
                "巩固基本医疗保险参保率。",
                "开展医保基金监管专项检查。",
                "推进医保支付方式改革。",
            ],
        )],
        deadline: None,
        goals: vec!["建立覆盖全民、统筹城乡、公平统一、安全规范、可持续的多层次医疗保障体系。"],
        lt: "
履职效能|医保参保|基本医疗保险参保率|≥95%|计划标准|绩效创新型
|基金监管|定点医药机构检查覆盖率|100%|行业标准|绩效创新型
满意度|服务对象满意度|参保群众满意度|≥90%|行业标准|绩效基本型
"
        .into(),
        goal: Some("守好群众看病钱、救命钱。"),
        an: "
履职效能|医保参保|基本医疗保险参保率|95.2%;95.6%;≥95%|计划标准|绩效创新型
|基金监管|定点医药机构检查覆盖率|100%|行业标准|绩效创新型
||追回违规医保基金|;;不少于100 万元|行业标准|绩效创新型
|支付改革|DRG付费医疗机构覆盖率|;80%;100%|计划标准|绩效创新型
满意度|服务对象满意度|参保群众满意度|≥90%|行业标准|绩效基本型
"
        .into(),
        category: true,
    }
}

/// What a fixture file holds.
pub enum FileSpec {
    Docx(Box<Form>),
    Xlsx(Vec<Form>, Vec<(&'static str, Vec<Vec<String>>)>),
}

impl FileSpec {
    fn docx(f: Form) -> FileSpec {
        FileSpec::Docx(Box::new(f))
    }
}

pub fn form(record: Record, p: Pres) -> Form {
    Form {
        record,
        p,
        remarks: vec![],
        tracked_old_target: None,
        tracked_dept: None,
    }
}

pub fn seed_pres() -> Pres {
    Pres {
        leading_empty_line: true,
        lt_goal_label: "长期目标：\n（截止2027年）".into(),
        ..Pres::default()
    }
}

/// Every positive fixture: file name → what it holds. Expected warnings are set on the
/// records here.
pub fn fixtures() -> Vec<(String, FileSpec)> {
    let mut out = Vec::new();

    out.push((
        "000_鄂州市乡村振兴局.docx".into(),
        FileSpec::docx(form(seed(), seed_pres())),
    ));
    out.push((
        "001_鄂州市乡村振兴局.xlsx".into(),
        FileSpec::Xlsx(vec![form(seed(), seed_pres())], vec![]),
    ));

    // Text split across many runs, thousands separators, values with ops.
    out.push((
        "002_江岸区教育局.docx".into(),
        FileSpec::docx(form(
            record(&jiaoyu()),
            Pres {
                run_chunk: Some(2),
                amount: Amount::Thousands,
                total_label: "合计",
                fn_sep: ".",
                ..Pres::default()
            },
        )),
    ));

    // Year in the title; title and unit rows inside the sheet; shares as 0.3202 formatted
    // 0.00%; 合计 as SUM formulas.
    out.push((
        "003_黄石市卫生健康委员会.xlsx".into(),
        FileSpec::Xlsx(
            vec![form(
                record(&weijian()),
                Pres {
                    title: "2025年部门整体绩效目标表".into(),
                    share_numeric: true,
                    total_formulas: true,
                    leading_empty_line: true,
                    ..Pres::default()
                },
            )],
            vec![],
        ),
    ));

    // Funds in table 1, the rest in table 2.
    out.push((
        "004_宜昌市财政局.docx".into(),
        FileSpec::docx(form(
            record(&caizheng()),
            Pres {
                split_tables: true,
                empty: "　",
                ..Pres::default()
            },
        )),
    ));

    // Form starting at B3 (title B1, unit B2); level-1/2 labels written once, not merged.
    out.push((
        "005_襄阳市交通运输局.xlsx".into(),
        FileSpec::Xlsx(
            vec![form(
                record(&jiaotong()),
                Pres {
                    origin: (0, 1),
                    merge_levels: false,
                    split_l1: false,
                    xlsx_numbers: false,
                    sheet_name: "Sheet1".into(),
                    ..Pres::default()
                },
            )],
            vec![],
        ),
    ));

    // Tracked changes (department name and one target) and a bookmark inside a label.
    out.push(("006_荆州市自然资源和规划局.docx".into(), {
        let mut f = form(
            record(&ziran()),
            Pres {
                bookmark: true,
                ..Pres::default()
            },
        );
        f.tracked_dept = Some(("荆州市", "国土资源局", "自然资源和规划局"));
        f.tracked_old_target = Some((4, "≤7天"));
        FileSpec::docx(f)
    }));

    // Labels broken with w:br, 可持续发展能力 followed by an empty paragraph, full-width
    // digits.
    out.push((
        "007_十堰市市场监督管理局.docx".into(),
        FileSpec::docx(form(
            record(&shichang()),
            Pres {
                br_labels: true,
                ..Pres::default()
            },
        )),
    ));

    // Blank rows and columns around the form; amounts typed as text with 万元.
    out.push((
        "008_孝感市民政局.xlsx".into(),
        FileSpec::Xlsx(
            vec![form(
                record(&minzheng()),
                Pres {
                    origin: (3, 2),
                    gap_rows: 2,
                    xlsx_numbers: false,
                    amount: Amount::WanSuffix,
                    ..Pres::default()
                },
            )],
            vec![],
        ),
    ));

    // No 指标分类 column.
    out.push((
        "009_荆门市文化和旅游局.docx".into(),
        FileSpec::docx(form(
            record(&wenlv()),
            Pres {
                has_category: false,
                ..Pres::default()
            },
        )),
    ));

    // An extra 备注 column.
    out.push(("010_咸宁市生态环境局.docx".into(), {
        let mut f = form(
            record(&shengtai()),
            Pres {
                remark: true,
                leading_empty_line: true,
                ..Pres::default()
            },
        );
        f.remarks = vec![(0, "含县市区"), (2, "省考核指标"), (7, "无")];
        FileSpec::docx(f)
    }));

    // One indicator's labels on one row, its values on the next.
    out.push((
        "011_随州市人力资源和社会保障局.docx".into(),
        FileSpec::docx(form(
            record(&renshe()),
            Pres {
                broken_row: Some(5),
                ..Pres::default()
            },
        )),
    ));

    // Two forms in one workbook plus an instructions sheet.
    out.push((
        "012_应急管理局和洪山区农业农村局.xlsx".into(),
        FileSpec::Xlsx(
            vec![
                form(
                    record(&yingji()),
                    Pres {
                        sheet_name: "恩施州应急管理局".into(),
                        ..Pres::default()
                    },
                ),
                {
                    // No 单位：万元 anywhere on this sheet: unit is null, and the clerk is
                    // told the amounts were taken as 万元.
                    let mut r = record(&nongye());
                    r.unit = None;
                    r.warnings.push(perfsheet::record::Warning {
                        code: perfsheet::record::WarningCode::UnitMissing,
                        message: String::new(),
                        location: String::new(),
                    });
                    form(
                        r,
                        Pres {
                            sheet_name: "洪山区农业农村局".into(),
                            unit_text: None,
                            origin: (1, 0),
                            ..Pres::default()
                        },
                    )
                },
            ],
            vec![(
                "填表说明",
                vec![
                    vec!["填表说明".to_string()],
                    vec!["1. 金额单位为万元，保留两位小数。".to_string()],
                    vec!["2. 占比按当年金额占合计的比例填列。".to_string()],
                    vec!["3. 指标值应可量化、可考核。".to_string()],
                ],
            )],
        ),
    ));

    // Title year 2025 disagrees with 近两年 years 2022/2023.
    out.push(("013_潜江市住房和城乡建设局.docx".into(), {
        let mut r = record(&zhujian());
        r.warnings.push(perfsheet::record::Warning {
            code: perfsheet::record::WarningCode::YearConflict,
            message: String::new(),
            location: String::new(),
        });
        FileSpec::docx(form(
            r,
            Pres {
                title: "2025年部门整体绩效目标表".into(),
                ..Pres::default()
            },
        ))
    }));

    // Small form: empty cells, tasks without headings, no deadline, amounts as text with
    // thousands separators, no phone.
    out.push((
        "014_天门市医疗保障局.xlsx".into(),
        FileSpec::Xlsx(
            vec![form(
                record(&yibao()),
                Pres {
                    xlsx_numbers: false,
                    amount: Amount::Thousands,
                    lt_goal_label: "长期目标".into(),
                    unit_text: Some("金额单位：万元".into()),
                    ..Pres::default()
                },
            )],
            vec![],
        ),
    ));

    out
}
