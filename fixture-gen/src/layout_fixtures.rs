//! Department-template layouts (`fixtures/layouts/`): the first template drawn other ways
//! (stacked header labels, the unit inside the table or at the end of the title line),
//! each giving the same record as a clean form, plus signed values and compound units and a
//! form in 元.

use crate::files::{FileOut, Kind, Part};
use crate::model::{Amount, Pres};
use crate::specs::{self, Dept, MGMT, NONE3, exp, form, inc, record, to_lt};

fn dept(f: crate::model::Form) -> Part {
    Part::Dept(Box::new(f))
}

/// 鄂州市生态环境局: signed values (-2%, -0.5个百分点) and compound units (微克/立方米,
/// 次/年, 学时/人).
pub fn ezhou_shengtai() -> Dept {
    let y = 2025;
    Dept {
        department: "鄂州市生态环境局",
        preparer: Some("胡晓峰"),
        phone: Some("0711-3201568"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(426_580), Some(389_200), Some(401_760)),
            NONE3,
            (Some(18_000), Some(12_500), Some(15_300)),
        ]),
        expenditure: exp([
            (Some(168_300), Some(160_100), Some(163_900)),
            (Some(42_280), Some(40_600), Some(41_160)),
            (Some(234_000), Some(201_000), Some(212_000)),
        ]),
        functions: vec![
            "贯彻执行国家和省生态环境保护方针政策和法律法规，拟订全市生态环境保护规划。",
            "负责全市大气、水、土壤、噪声等污染防治的监督管理。",
            "负责生态环境监测和执法工作，组织开展生态环境保护督察。",
            "负责突发生态环境事件的应急、预警工作。",
        ],
        tasks: vec![
            (
                Some("深入打好蓝天保卫战"),
                vec![
                    "实施重点行业超低排放改造。",
                    "加强城区扬尘和餐饮油烟污染管控。",
                ],
            ),
            (
                Some("深入打好碧水保卫战"),
                vec!["推进梁子湖、洋澜湖水环境综合治理。"],
            ),
        ],
        deadline: Some(2027),
        goals: vec![
            "全市PM2.5年均浓度稳定达到国家二级标准；",
            "主要湖泊水质稳定达到或优于Ⅲ类。",
        ],
        lt: to_lt(
            "
履职效能|大气环境|PM2.5年均浓度|≤33微克/立方米|计划标准|绩效创新型
||空气质量优良天数比例|≥88%|计划标准|绩效创新型
|水环境|主要污染物排放总量变化|-8%|计划标准|绩效创新型
|监测执法|重点排污单位监督性监测频次|4次/年|行业标准|绩效基本型
满意度|服务对象满意度|公众生态环境满意度|≥88%|行业标准|绩效基本型
",
        ),
        goal: Some("持续改善全市生态环境质量，守护好鄂州的蓝天碧水净土。"),
        an: format!(
            "{MGMT}
履职效能|大气环境|PM2.5年均浓度|≤38微克/立方米;≤36微克/立方米;≤35微克/立方米|计划标准|绩效创新型
||空气质量优良天数比例|82.5%;84.1%;≥85%|计划标准|绩效创新型
||PM10年均浓度同比变化|-3.2%;-2.5%;-2%|计划标准|绩效创新型
||重污染天数比例变化|-0.3个百分点;-0.4个百分点;-0.5个百分点|计划标准|绩效创新型
|水环境|地表水国控断面水质优良比例|100%|计划标准|绩效创新型
||化学需氧量排放量变化|-1.5%;-1.8%;-2%|计划标准|绩效创新型
|声环境|城市区域昼间噪声平均值|≤55分贝|行业标准|绩效基本型
|监测执法|重点排污单位监督性监测频次|4次/年|行业标准|绩效基本型
||双随机执法检查频次|≥0.5次/家;≥0.5次/家;≥1次/家|行业标准|绩效基本型
可持续发展能力|人才支撑|干部业务培训|≥40学时/人|历史标准|绩效基本型
满意度|服务对象满意度|公众生态环境满意度|84%;85%;≥85%|行业标准|绩效基本型"
        ),
        category: true,
    }
}

/// 利川市档案馆: a small office whose form is in 元.
pub fn lichuan_dangan() -> Dept {
    let y = 2024;
    Dept {
        department: "恩施州利川市档案馆",
        preparer: Some("向红英"),
        phone: Some("0718-7282653"),
        budget_year: y,
        years: [y - 2, y - 1],
        income: inc([
            (Some(386_245_000), Some(352_180_000), Some(368_904_050)),
            NONE3,
            (Some(12_000_000), Some(8_500_000), Some(10_200_000)),
        ]),
        expenditure: exp([
            (Some(251_862_000), Some(236_400_000), Some(243_500_000)),
            (Some(46_383_000), Some(44_280_000), Some(45_604_050)),
            (Some(100_000_000), Some(80_000_000), Some(90_000_000)),
        ]),
        functions: vec![
            "贯彻执行档案工作法律法规，负责全市档案资料的接收、征集、保管和利用。",
            "负责馆藏档案的数字化和信息化建设。",
            "指导全市机关、团体、企事业单位的档案工作。",
        ],
        tasks: vec![(
            None,
            vec![
                "完成馆藏档案数字化加工12万卷。",
                "接收进馆档案1.5万卷。",
                "做好档案查阅利用服务。",
            ],
        )],
        deadline: Some(2026),
        goals: vec!["建成安全、便捷、高效的数字档案馆。"],
        lt: "
履职效能|档案数字化|馆藏档案数字化率|≥85%|计划标准|绩效创新型
|档案安全|档案安全事故|0起|行业标准|绩效基本型
满意度|服务对象满意度|查档群众满意度|≥95%|行业标准|绩效基本型
"
        .into(),
        goal: Some("推进档案数字化，提升档案利用服务水平。"),
        an: "
运行成本|公用经费控制|公用经费控制率|100%|历史标准|绩效基本型
|项目支出成本控制|档案数字化加工单价|≤2.5元/页|预算标准|绩效基本型
||临聘人员补助标准|2300元/人·月;2400元/人·月;2500元/人·月|预算标准|绩效基本型
管理效率|预算执行|预算执行率|≥95%;≥95%;100%|历史标准|绩效基本型
履职效能|档案数字化|馆藏档案数字化加工|8万卷;10万卷;12万卷|计划标准|绩效创新型
|档案接收|接收进馆档案|1.2万卷;1.3万卷;1.5万卷|计划标准|绩效创新型
|利用服务|档案查阅利用|2800人次;2900人次;≥3000人次|历史标准|绩效基本型
|档案安全|档案安全事故|0起|行业标准|绩效基本型
满意度|服务对象满意度|查档群众满意度|≥95%|行业标准|绩效基本型
"
        .into(),
        category: true,
    }
}

fn in_yuan(d: &Dept) -> perfsheet::record::Record {
    let mut r = record(d);
    r.unit = Some("元".into());
    r
}

/// Every department-layout fixture file.
pub fn files() -> Vec<FileOut> {
    let mut out = Vec::new();
    let one =
        |name: &str, kind: Kind, f: crate::model::Form| FileOut::new(name, kind, vec![dept(f)]);

    out.push(one(
        "01_江岸区教育局（表头标签成行）.docx",
        Kind::Docx,
        form(
            record(&specs::jiaoyu()),
            Pres {
                stacked_header: true,
                ..Pres::default()
            },
        ),
    ));
    out.push(one(
        "02_孝感市民政局（表头标签成行含单位）.xlsx",
        Kind::Xlsx,
        form(
            record(&specs::minzheng()),
            Pres {
                stacked_header: true,
                unit_text: None,
                table_unit: Some(("单位：万元", true)),
                ..Pres::default()
            },
        ),
    ));
    out.push(one(
        "03_荆门市文化和旅游局（单位在表内右上角）.docx",
        Kind::Docx,
        form(
            record(&specs::wenlv()),
            Pres {
                has_category: false,
                unit_text: None,
                table_unit: Some(("单位：万元", false)),
                ..Pres::default()
            },
        ),
    ));
    out.push(one(
        "04_黄石市卫生健康委员会（金额单位合并单元格）.xlsx",
        Kind::Xlsx,
        form(
            record(&specs::weijian()),
            Pres {
                unit_text: None,
                table_unit: Some(("金额单位：万元", true)),
                ..Pres::default()
            },
        ),
    ));
    out.push(one(
        "05_鄂州市乡村振兴局（单位在标题行末）.docx",
        Kind::Docx,
        form(
            specs::seed(),
            Pres {
                title: "2024年部门整体绩效目标表    单位：万元".into(),
                unit_text: None,
                ..specs::seed_pres()
            },
        ),
    ));
    out.push(one(
        "06_江岸区教育局（单位在标题行末）.xlsx",
        Kind::Xlsx,
        form(
            record(&specs::jiaoyu()),
            Pres {
                title: "2024年部门整体绩效目标表    单位：万元".into(),
                unit_text: None,
                ..Pres::default()
            },
        ),
    ));
    out.push(one(
        "07_鄂州市生态环境局（带符号数值与复合单位）.docx",
        Kind::Docx,
        form(record(&ezhou_shengtai()), Pres::default()),
    ));
    out.push(one(
        "07_鄂州市生态环境局（带符号数值与复合单位）.xlsx",
        Kind::Xlsx,
        form(
            record(&ezhou_shengtai()),
            Pres {
                stacked_header: true,
                ..Pres::default()
            },
        ),
    ));
    out.push(one(
        "08_利川市档案馆（金额单位元）.docx",
        Kind::Docx,
        form(
            in_yuan(&lichuan_dangan()),
            Pres {
                unit_text: Some("单位：元".into()),
                amount: Amount::Thousands,
                ..Pres::default()
            },
        ),
    ));
    out.push(one(
        "08_利川市档案馆（金额单位元）.xlsx",
        Kind::Xlsx,
        form(
            in_yuan(&lichuan_dangan()),
            Pres {
                unit_text: None,
                table_unit: Some(("金额单位：元", false)),
                ..Pres::default()
            },
        ),
    ));
    out
}
