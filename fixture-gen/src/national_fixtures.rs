//! The national-template fixtures (`fixtures/national/`): the layout of
//! `../shared/samples/national_sample.*` and its variants.

use crate::files::{FileOut, Kind, Part};
use crate::national::{NSpec, NatForm, NatPres, nat_form};
use crate::render_xlsx::LineStyle;

fn w(x: i64) -> Option<i64> {
    Some(x)
}

fn lines(v: &[(&str, LineStyle)]) -> Vec<(String, LineStyle)> {
    v.iter().map(|(s, l)| (s.to_string(), *l)).collect()
}

fn nat(f: NatForm) -> Part {
    Part::Nat(Box::new(f))
}

/// 黄石市下陆区教育局: the sample's layout.
pub fn xialu_jiaoyu() -> NSpec {
    NSpec {
        department: "黄石市下陆区教育局",
        preparer: Some("陈晓红"),
        phone: Some("0714-6401235"),
        budget_year: 2025,
        functions: vec![],
        lt_goals: vec![],
        lt: "",
        tasks: vec![
            (
                "推进义务教育优质均衡发展",
                "实施薄弱学校改造；推进集团化办学；落实课后服务。",
                (w(286_450), w(286_450), None),
            ),
            (
                "落实学生资助政策",
                "发放家庭经济困难学生生活补助；落实营养改善计划。",
                (w(93_820), w(81_320), w(12_500)),
            ),
            (
                "加强教师队伍建设",
                "开展教师全员培训；招聘紧缺学科教师。",
                (w(41_600), w(41_600), None),
            ),
            (
                "保障校园安全",
                "开展校园安全隐患排查整治；配齐校园安保设施。",
                (w(25_000), w(20_000), w(5_000)),
            ),
        ],
        total: (w(446_870), w(429_370), w(17_500)),
        goal: vec![
            "推进全区义务教育优质均衡发展，办好人民满意的教育。",
            "落实各项学生资助政策，不让一个学生因家庭经济困难而失学。",
        ],
        an: "
产出指标|数量指标|薄弱学校改造|5所|计划标准
||资助家庭经济困难学生|≥2600人次|计划标准
||教师培训|≥1500人次|计划标准
||课后服务覆盖学校|32所|计划标准
|质量指标|义务教育巩固率|≥99%|行业标准
||资助资金发放准确率|100%|行业标准
||校舍安全隐患整改率|100%|行业标准
|时效指标|资助资金发放及时率|100%|计划标准
|成本指标|生均公用经费标准|≥800元/人·年|国家标准
效益指标|社会效益指标|因贫失学辍学学生|0人|历史标准
||学前教育毛入园率|≥95%|计划标准
|可持续影响指标|教育信息化覆盖率|100%|计划标准
满意度指标|服务对象满意度指标|学生家长满意度|≥90%|历史标准
||教师满意度|90%-95%|历史标准
",
    }
}

/// 襄阳市樊城区卫生健康局: numbered task names, unfilled rows, 备注, 金额合计.
pub fn fancheng_weijian() -> NSpec {
    NSpec {
        department: "襄阳市樊城区卫生健康局",
        preparer: Some("周俊"),
        phone: Some("0710-3228417"),
        budget_year: 2024,
        functions: vec![],
        lt_goals: vec![],
        lt: "",
        tasks: vec![
            (
                "任务1：基本公共卫生服务",
                "为城乡居民免费提供国家基本公共卫生服务项目。",
                (w(312_800), w(312_800), None),
            ),
            (
                "任务2：疾病预防控制",
                "做好传染病防控和免疫规划工作；开展慢性病综合防控。",
                (w(86_540), w(80_000), w(6_540)),
            ),
            (
                "任务3：基层医疗卫生能力建设",
                "推进村卫生室标准化建设；开展基层卫生人员培训。",
                (w(54_000), w(54_000), None),
            ),
            ("……", "", (None, None, None)),
        ],
        total: (w(453_340), w(446_800), w(6_540)),
        goal: vec![
            "  持续实施基本公共卫生服务项目，提升基层医疗卫生服务能力。",
            "",
            "有效防控重大传染病，居民主要健康指标保持全省前列。  ",
        ],
        an: "
产出指标|数量指标|居民电子健康档案建档率|≥90%|行业标准|
||65岁及以上老年人健康管理人数|≥5.2万人|计划标准|
||村卫生室标准化建设|12个|计划标准|
~||……
|质量指标|适龄儿童免疫规划疫苗接种率|≥95%|行业标准|省考核指标
||高血压患者规范管理率|≥65%|行业标准|
|时效指标|传染病报告及时率|100%|行业标准|
|成本指标|人均基本公共卫生服务经费|≥89元/人|国家标准|中央、省、区共担
效益指标|社会效益指标|重大传染病暴发流行|0起|历史标准|
||居民健康素养水平|≥28%|计划标准|
~||……
满意度指标|服务对象满意度指标|城乡居民满意度|≥85%|历史标准|
",
    }
}

/// 宜昌市西陵区民政局: optional 部门职能, 中长期目标 and 长期绩效指标 sections.
pub fn xiling_minzheng() -> NSpec {
    NSpec {
        department: "宜昌市西陵区民政局",
        preparer: Some("邓亚琴"),
        phone: Some("0717-6258031"),
        budget_year: 2026,
        functions: vec![
            "贯彻执行民政工作法律法规和方针政策，拟订全区民政事业发展规划。",
            "负责全区社会救助工作，统筹城乡低保、特困人员救助供养和临时救助。",
            "统筹推进、督促指导全区养老服务工作。",
            "负责全区儿童福利、殡葬管理和社会组织登记管理工作。",
        ],
        lt_goals: vec![
            "到2028年，建成覆盖城乡、兜底有力的分层分类社会救助体系；",
            "基本建成居家社区机构相协调、医养康养相结合的养老服务体系。",
        ],
        lt: "
产出指标|数量指标|社区养老服务设施覆盖率|100%|计划标准
|质量指标|低保对象认定准确率|100%|行业标准
效益指标|社会效益指标|困难群众基本生活保障|应保尽保|计划标准
|可持续影响指标|养老服务体系建设|持续完善|计划标准
满意度指标|服务对象满意度指标|服务对象满意度|≥90%|历史标准
",
        tasks: vec![
            (
                "社会救助兜底保障",
                "按时足额发放城乡低保金、特困供养金和临时救助金。",
                (w(368_900), w(368_900), None),
            ),
            (
                "养老服务体系建设",
                "建设社区嵌入式养老服务设施；落实高龄津贴和养老服务补贴。",
                (w(152_300), w(126_300), w(26_000)),
            ),
            (
                "儿童福利保障",
                "发放孤儿和事实无人抚养儿童基本生活费。",
                (w(21_650), w(21_650), None),
            ),
        ],
        total: (w(542_850), w(516_850), w(26_000)),
        goal: vec!["兜牢民生底线，提升养老服务水平，保障困难群众基本生活。"],
        an: "
产出指标|数量指标|城乡低保保障人数|≥6800人|历史标准|
||特困人员供养人数|≥420人|历史标准|
||新建社区嵌入式养老服务设施|4个|计划标准|
||高龄津贴发放人数|≥9500人|历史标准|
|质量指标|低保对象认定准确率|100%|行业标准|
||养老机构安全隐患整改率|100%|行业标准|
|时效指标|救助资金发放时间|每月上旬|计划标准|按月发放
|成本指标|城市低保标准|≥850元/人·月|计划标准|
效益指标|社会效益指标|困难群众基本生活保障|应保尽保|计划标准|
|可持续影响指标|养老服务设施运营率|≥90%|计划标准|
满意度指标|服务对象满意度指标|救助对象满意度|≥95%|历史标准|
",
    }
}

/// 荆州市生态环境局荆州区分局: tasks that do not add up to 金额合计, no 填报人 row, no
/// 指标值确定依据 column; signed values and compound units.
pub fn jingzhou_shengtai() -> NSpec {
    NSpec {
        department: "荆州市生态环境局荆州区分局",
        preparer: None,
        phone: None,
        budget_year: 2023,
        functions: vec![],
        lt_goals: vec![],
        lt: "",
        tasks: vec![
            (
                "大气污染防治",
                "开展重点行业挥发性有机物治理；加强扬尘污染管控。",
                (w(58_000), w(58_000), None),
            ),
            (
                "水污染防治",
                "开展入河排污口排查整治；加强饮用水水源地保护。",
                (w(76_500), w(70_000), w(6_500)),
            ),
            (
                "土壤污染防治",
                "开展重点建设用地土壤污染状况调查。",
                (w(23_000), w(23_000), None),
            ),
        ],
        // The 土壤 task was added after the total was written: 总额 and 财政拨款 lack it.
        total: (w(134_500), w(128_000), w(6_500)),
        goal: vec!["持续改善生态环境质量，打好蓝天、碧水、净土保卫战。"],
        an: "
产出指标|数量指标|入河排污口排查整治|≥35个
||挥发性有机物治理企业|≥12家
|质量指标|PM2.5年均浓度|≤35微克/立方米
||空气质量优良天数比例|≥85%
||国控断面水质达标率|100%
|时效指标|环境信访办结率|100%
效益指标|生态效益指标|单位地区生产总值二氧化碳排放变化率|-2%
||重污染天数|持续减少
|社会效益指标|突发环境事件|0起
满意度指标|服务对象满意度指标|公众生态环境满意度|≥85%
",
    }
}

/// 武汉市洪山区城市管理执法局: 年度总体目标 with messy paragraphs, a task without content.
pub fn hongshan_chengguan() -> NSpec {
    NSpec {
        department: "武汉市洪山区城市管理执法局",
        preparer: Some("罗建军"),
        phone: Some("027-87317652"),
        budget_year: 2025,
        functions: vec![],
        lt_goals: vec![],
        lt: "",
        tasks: vec![
            (
                "城市环境卫生保洁",
                "主次干道机械化清扫保洁；公共厕所运营管护。",
                (w(486_000), w(486_000), None),
            ),
            (
                "生活垃圾分类",
                "推进生活垃圾分类示范片区建设。",
                (w(95_200), w(80_000), w(15_200)),
            ),
            ("城市照明设施维护", "", (w(42_800), w(42_800), None)),
        ],
        total: (w(624_000), w(608_800), w(15_200)),
        goal: vec![
            "",
            "  1.城市道路机械化清扫率达到95%以上；",
            "2.生活垃圾分类覆盖率达到100%；",
            "　",
            "3.城市照明设施亮灯率保持在98%以上。",
            "",
        ],
        an: "
产出指标|数量指标|机械化清扫道路面积|≥1850万平方米|计划标准
||公共厕所管护|326座|计划标准
|质量指标|道路机械化清扫率|≥95%|行业标准
||城市照明设施亮灯率|≥98%|行业标准
|时效指标|数字城管案件按期处置率|≥95%|行业标准
效益指标|社会效益指标|生活垃圾分类覆盖率|100%|计划标准
|生态效益指标|生活垃圾无害化处理率|100%|行业标准
满意度指标|服务对象满意度指标|市民满意度|95%左右|历史标准
",
    }
}

/// Every national-template fixture file.
pub fn files() -> Vec<FileOut> {
    let mut out = Vec::new();
    let sample = NatPres {
        above: lines(&[
            ("附件1", LineStyle::Left),
            ("部门整体支出绩效目标申报表", LineStyle::Title),
            ("（2025年度）", LineStyle::Center),
        ]),
        ..NatPres::default()
    };
    let f = nat_form(&xialu_jiaoyu(), sample.clone(), "部门整体支出绩效目标申报");
    out.push(FileOut::new(
        "01_黄石市下陆区教育局.docx",
        Kind::Docx,
        vec![nat(f.clone())],
    ));
    out.push(FileOut::new(
        "01_黄石市下陆区教育局.xlsx",
        Kind::Xlsx,
        vec![nat(f)],
    ));

    let f = nat_form(
        &fancheng_weijian(),
        NatPres {
            above: lines(&[
                ("部门整体支出绩效目标表", LineStyle::Title),
                ("（2024年度）", LineStyle::Center),
            ]),
            goal_label: "年度总体目标",
            total_label: "金额合计",
            remark_col: true,
            sheet_name: "樊城区卫生健康局".into(),
            ..NatPres::default()
        },
        "部门整体支出绩效目标",
    );
    out.push(FileOut::new(
        "02_襄阳市樊城区卫生健康局.xlsx",
        Kind::Xlsx,
        vec![nat(f)],
    ));

    let f = nat_form(
        &xiling_minzheng(),
        NatPres {
            above: lines(&[("2026年度部门整体支出绩效目标申报表", LineStyle::Title)]),
            remark_col: true,
            below: vec!["填报日期：2026年1月9日".into()],
            ..NatPres::default()
        },
        "部门整体支出绩效目标申报",
    );
    out.push(FileOut::new(
        "03_宜昌市西陵区民政局.docx",
        Kind::Docx,
        vec![nat(f)],
    ));

    let f = nat_form(
        &jingzhou_shengtai(),
        NatPres {
            above: lines(&[
                ("部门整体支出绩效目标申报表", LineStyle::Title),
                ("（2023年度）", LineStyle::Center),
            ]),
            basis_col: false,
            total_label: "金额合计",
            xlsx_numbers: false,
            sheet_name: "Sheet1".into(),
            ..NatPres::default()
        },
        "部门整体支出绩效目标申报",
    );
    out.push(FileOut::new(
        "04_荆州市生态环境局荆州区分局.xlsx",
        Kind::Xlsx,
        vec![nat(f.clone())],
    ));
    out.push(FileOut::new(
        "04_荆州市生态环境局荆州区分局.docx",
        Kind::Docx,
        vec![nat(f)],
    ));

    let f = nat_form(
        &hongshan_chengguan(),
        NatPres {
            above: lines(&[
                ("部门整体支出绩效目标申报表", LineStyle::Title),
                ("（2025年度）", LineStyle::Center),
            ]),
            goal_label: "年度总体目标",
            ..NatPres::default()
        },
        "部门整体支出绩效目标申报",
    );
    out.push(FileOut::new(
        "05_武汉市洪山区城市管理执法局.docx",
        Kind::Docx,
        vec![nat(f)],
    ));
    out
}
