//! The project-form fixtures (`fixtures/projects/`): every layout RECORD.md names for
//! 项目支出绩效目标表, most of them as both .docx and .xlsx, and the containers (one project a
//! file, a workbook of project sheets after a 填表说明 sheet, a Word file of several project
//! tables, a department's workbook with its overall form first).

use crate::files::{FileOut, Kind, Part};
use crate::model::Pres;
use crate::project_layout::{Field, FundsStyle, GoalNum, GoalsStyle, IndStyle, ProjPres};
use crate::project_specs::{PFunds, PSpec, ProjForm, fo, proj_form, w};
use crate::render_xlsx::LineStyle;
use crate::specs;

fn title(s: &str) -> (String, LineStyle) {
    (s.to_string(), LineStyle::Title)
}
fn center(s: &str) -> (String, LineStyle) {
    (s.to_string(), LineStyle::Center)
}
fn right(s: &str) -> (String, LineStyle) {
    (s.to_string(), LineStyle::Right)
}
fn left(s: &str) -> (String, LineStyle) {
    (s.to_string(), LineStyle::Left)
}

/// A spec with nothing said.
pub fn base() -> PSpec {
    PSpec {
        project: "",
        department: None,
        department_code: None,
        implementer: None,
        attribute: None,
        category: None,
        leader: None,
        phone: None,
        period: None,
        unit: "万元",
        mid: None,
        annual: None,
        goals_lt: vec![],
        goals_an: vec![],
        lt: "",
        an: "",
    }
}

fn proj(f: ProjForm) -> Part {
    Part::Proj(Box::new(f))
}

/// Both renderings of one form: `stem.docx` and `stem.xlsx`, the workbook with `xlsx` changes.
fn twins(out: &mut Vec<FileOut>, stem: &str, f: ProjForm, xlsx: impl FnOnce(&mut ProjForm)) {
    let mut x = f.clone();
    xlsx(&mut x);
    out.push(FileOut::new(
        format!("{stem}.docx"),
        Kind::Docx,
        vec![proj(f)],
    ));
    out.push(FileOut::new(
        format!("{stem}.xlsx"),
        Kind::Xlsx,
        vec![proj(x)],
    ));
}

// ---------------------------------------------------------------------------------------
// 01: the central side-by-side template.

pub fn huarong_xiaoshe() -> PSpec {
    PSpec {
        project: "华容区中小学校舍维修改造",
        department: Some("鄂州市华容区教育局"),
        department_code: Some("312001"),
        implementer: Some("鄂州市华容区教育局"),
        attribute: Some(("延续项目", "延续")),
        period: Some(("2024年-2026年", Some("2024"), Some("2026"))),
        mid: Some(fo(w(1860), w(1500), Some(w(360)))),
        annual: Some(fo(w(620), w(500), Some(w(120)))),
        goals_lt: vec![
            "完成全区24所中小学校舍维修改造，消除校舍安全隐患。",
            "改善全区中小学办学条件，受益学生2.1万人。",
            "建立校舍安全长效管理机制。",
        ],
        goals_an: vec![
            "完成8所学校1.2万平方米校舍维修改造。",
            "维修后校舍验收合格率100%，师生满意度90%以上。",
        ],
        lt: "
产出指标|数量指标|维修改造校舍面积|≥3.6万平方米
||维修改造学校数量|24所
|质量指标|工程验收合格率|100%
|时效指标|项目完成时限|2026年12月底前
|成本指标|单位面积维修成本|≤520元/平方米
效益指标|社会效益指标|消除校舍安全隐患|全部消除
||改善办学条件受益学生人数|≥2.1万人
|可持续影响指标|校舍使用年限延长|≥15年
满意度指标|服务对象满意度指标|师生满意度|≥90%
",
        an: "
产出指标|数量指标|维修改造校舍面积|1.2万平方米
||维修改造学校数量|8所
||更换课桌椅|≥3000套
|质量指标|工程验收合格率|100%
||施工安全事故|0次
|时效指标|开工时间|4月底前
||竣工时间|11月底前
|成本指标|单位面积维修成本|≤520元/平方米
效益指标|社会效益指标|受益学生人数|≥7000人
||校舍安全隐患整改率|100%
|可持续影响指标|维修后校舍正常使用年限|≥15年
满意度指标|服务对象满意度指标|师生满意度|≥90%
||家长满意度|≥90%
",
        ..base()
    }
}

pub fn central_pres(above: Vec<(String, LineStyle)>) -> ProjPres {
    ProjPres {
        above,
        central: true,
        dept_label: "主管部门及代码",
        impl_label: "实施单位",
        period_label: "项目期",
        funds_label: "项目资金（万元）",
        total_label: "资金总额",
        qizhong: true,
        goals: GoalsStyle::Separate("中期目标", "年度目标"),
        goal_num: GoalNum::Mubiao,
        sheet_name: "项目支出绩效目标申报表".into(),
        ..ProjPres::default()
    }
}

// 13: the central template again, from Hunan, amounts typed as text in Excel.
pub fn junshan_renju() -> PSpec {
    PSpec {
        project: "君山区农村人居环境整治提升",
        department: Some("岳阳市君山区农业农村局"),
        department_code: Some("206003"),
        implementer: Some("岳阳市君山区农村人居环境整治服务中心"),
        attribute: Some(("新增项目", "新增")),
        period: Some(("2026年-2028年", Some("2026"), Some("2028"))),
        mid: Some(fo(w(2400), w(2100), Some(w(300)))),
        annual: Some(fo(w(800), w(700), Some(w(100)))),
        goals_lt: vec![
            "全区农村卫生厕所普及率达到95%以上，生活垃圾收运处置体系覆盖所有行政村。",
            "农村生活污水治理率达到45%，村容村貌明显改善。",
        ],
        goals_an: vec![
            "完成农村户厕改造3200户，新建村级垃圾收集点120个。",
            "完成12个行政村生活污水治理。",
            "开展村庄清洁行动，群众满意度90%以上。",
        ],
        lt: "
产出指标|数量指标|农村户厕改造|≥9600户
||农村生活污水治理行政村|≥36个
|质量指标|改厕验收合格率|≥98%
效益指标|生态效益指标|农村生活污水治理率|≥45%
|可持续影响指标|长效管护机制建立|建立
满意度指标|服务对象满意度指标|农民群众满意度|≥90%
",
        an: "
产出指标|数量指标|农村户厕改造|≥3200户
||新建村级垃圾收集点|120个
||生活污水治理行政村|12个
|质量指标|改厕验收合格率|≥98%
|时效指标|年度任务完成时间|11月底前
|成本指标|户厕改造补助标准|≤1500元/户
效益指标|生态效益指标|农村生活垃圾无害化处理率|≥90%
|社会效益指标|村容村貌|明显改善
满意度指标|服务对象满意度指标|农民群众满意度|≥90%
",
        ..base()
    }
}

// ---------------------------------------------------------------------------------------
// 02, 03, 14: the county template (check boxes, inline funds, 长期 / 年度 blocks with
// 指标内容 and 备注, 项目负责人及电话).

pub fn xiaonan_gonglu() -> PSpec {
    PSpec {
        project: "孝南区农村公路养护",
        department: Some("孝感市孝南区交通运输局"),
        implementer: Some("孝感市孝南区公路事业发展中心"),
        attribute: Some(("新增项目□ 延续项目☑", "延续")),
        leader: Some("张志强"),
        phone: Some("0712-2853016"),
        period: Some(("2024年1月-2026年12月", Some("2024-01"), Some("2026-12"))),
        annual: Some(fo(w(860), w(780), Some(w(80)))),
        goals_lt: vec![
            "全区农村公路列养率保持100%，路况水平稳步提升。",
            "建立健全农村公路管理养护长效机制。",
        ],
        goals_an: vec![
            "完成全区1286公里农村公路日常养护。",
            "实施农村公路生命安全防护工程45公里，优良中等路率达到85%以上。",
        ],
        lt: "
产出指标|数量指标|农村公路列养里程|1286公里
||生命安全防护工程|≥130公里
|质量指标|优良中等路率|≥85%
||列养率|100%
|时效指标|病害处治及时率|≥95%
|成本指标|养护成本|≤6700元/公里||按省定标准
效益指标|社会效益指标|群众出行条件|明显改善
||交通事故发生率|持续下降
|可持续影响指标|农村公路管养长效机制|健全
满意度指标|服务对象满意度指标|沿线群众满意度|≥90%
",
        an: "
产出指标|数量指标|日常养护里程|1286公里||含县乡村道
||路面病害修补面积|≥2.6万平方米
||清理边沟|≥850公里
||安全防护设施维护|≥45公里
||危桥改造|3座
||养护道班标准化建设|2处
|质量指标|优良中等路率|≥85%
||路面技术状况指数|≥80
||养护工程验收合格率|100%
|时效指标|日常巡查频次|≥2次/月
||汛期水毁抢通时间|≤24小时
||年度养护任务完成时间|12月底前
|成本指标|日常养护单价|≤6700元/公里
||资金支付进度|按合同支付
效益指标|经济效益指标|群众出行成本|有效降低
|社会效益指标|群众出行安全|明显提升
||农村公路交通事故|0起
|生态效益指标|路域环境整治|≥320公里
|可持续影响指标|管护机制运行|长效运行
满意度指标|服务对象满意度指标|沿线群众满意度|≥90%||抽样调查
",
        ..base()
    }
}

pub fn county_pres(above: Vec<(String, LineStyle)>) -> ProjPres {
    ProjPres {
        above,
        header: vec![
            vec![Field::Project, Field::Attr],
            vec![Field::Dept, Field::Impl],
            vec![Field::LeaderPhone, Field::Period],
        ],
        period_label: "项目起止时间",
        funds: FundsStyle::Inline,
        funds_label: "项目资金",
        goals: GoalsStyle::Separate("长期目标", "年度目标"),
        goal_num: GoalNum::Dun,
        ind: IndStyle::Blocks("长期绩效指标", "年度绩效指标"),
        l3_label: "指标内容",
        basis_col: false,
        remark_col: true,
        sheet_name: "项目支出绩效目标申报表".into(),
        ..ProjPres::default()
    }
}

pub fn xishui_yibao() -> PSpec {
    PSpec {
        project: "城乡居民基本医疗保险财政补助",
        department: Some("黄冈市浠水县医疗保障局"),
        implementer: Some("浠水县医疗保险服务中心"),
        attribute: Some(("☐新增项目 √延续项目", "延续")),
        category: Some("民生保障类"),
        leader: Some("陈丽"),
        phone: Some("0713-4213658"),
        period: Some(("2025年", Some("2025"), Some("2025"))),
        annual: Some(PFunds {
            total: Some(w(3560)),
            lines: vec![
                ("财政拨款", Some(w(3200))),
                ("自有资金", Some(w(240))),
                ("上年结转", Some(w(120))),
            ],
        }),
        goals_lt: vec![
            "城乡居民基本医疗保险参保率稳定在95%以上。",
            "医保基金运行平稳，不发生系统性风险。",
        ],
        goals_an: vec![
            "落实城乡居民医保财政补助政策，参保人数不低于78万人。",
            "政策范围内住院费用基金支付比例稳定在70%左右。",
        ],
        lt: "
产出指标|数量指标|城乡居民医保参保率|≥95%
|质量指标|医保基金当期收支|收支平衡
效益指标|社会效益指标|群众就医负担|逐步减轻
",
        an: "
产出指标|数量指标|参保人数|≥78万人
||财政补助标准|≥670元/人·年
|质量指标|政策范围内住院费用基金支付比例|70%左右
||医保待遇结算准确率|100%
|时效指标|医保待遇结算时限|3个工作日内办结
||补助资金拨付时间|6月底前||分两批拨付
效益指标|社会效益指标|个人卫生支出占卫生总费用比例|≤28%
满意度指标|服务对象满意度指标|参保群众满意度|≥90%
",
        ..base()
    }
}

pub fn shihe_yingyang() -> PSpec {
    PSpec {
        project: "农村义务教育学生营养改善计划",
        department: Some("信阳市浉河区教育体育局"),
        implementer: Some("信阳市浉河区学生资助管理中心"),
        attribute: Some(("√新增项目 □延续项目", "新增")),
        leader: Some("赵磊"),
        phone: Some("0376-6226518"),
        period: Some(("2024年1月至2026年12月", Some("2024-01"), Some("2026-12"))),
        mid: Some(fo(w(1560), w(1560), Some(0))),
        annual: Some(fo(w(520), w(520), Some(0))),
        goals_lt: vec![
            "三年内为全区农村义务教育学生提供营养膳食补助，改善学生营养健康状况。",
            "建立健全学校食堂供餐管理制度。",
        ],
        goals_an: vec![
            "为全区68所农村义务教育学校2.6万名学生提供营养膳食补助。",
            "供餐食品安全事故零发生。",
        ],
        lt: "
产出指标|数量指标|受益学生人数|≥2.6万人|计划标准
|质量指标|食品安全事故|0起|行业标准
效益指标|社会效益指标|学生营养健康状况|明显改善|计划标准
满意度指标|服务对象满意度指标|学生及家长满意度|≥90%|计划标准
",
        an: "
产出指标|数量指标|受益学生人数|≥2.6万人|计划标准
||覆盖学校数量|68所|计划标准
|质量指标|供餐食品抽检合格率|100%|行业标准
|时效指标|补助资金拨付时间|开学后一个月内|计划标准
|成本指标|膳食补助标准|5元/人·天|国家标准
效益指标|社会效益指标|学生营养健康状况|持续改善|计划标准
满意度指标|服务对象满意度指标|学生及家长满意度|≥90%|计划标准
",
        ..base()
    }
}

// ---------------------------------------------------------------------------------------
// 04: one 绩效指标 block, 绩效目标 with 目标1：/目标2：.

pub fn jiayu_qingyu() -> PSpec {
    PSpec {
        project: "嘉鱼县中小河流清淤疏浚",
        department: Some("咸宁市嘉鱼县水利和湖泊局"),
        implementer: Some("嘉鱼县河道堤防管理站"),
        attribute: Some(("新增项目", "新增")),
        category: Some("基础设施建设类"),
        leader: Some("刘卫东"),
        phone: Some("0715-6321047"),
        period: Some(("2026年3月至2026年11月", Some("2026-03"), Some("2026-11"))),
        annual: Some(fo(w(465), w(400), Some(w(65)))),
        goals_an: vec![
            "完成东港河、西凉湖入湖港渠等5条河道清淤疏浚，清淤长度12.5公里。",
            "恢复河道行洪排涝能力，改善沿岸水生态环境。",
        ],
        an: "
产出指标|数量指标|清淤河道长度|≥12.5公里|计划标准
||清淤土方量|≥8.6万立方米|计划标准
||清淤河道数量|5条|计划标准
|质量指标|工程验收合格率|100%|行业标准
|时效指标|工程完工时间|11月底前|计划标准
|成本指标|清淤单价|≤35元/立方米|预算标准
效益指标|社会效益指标|河道行洪能力|明显提升|计划标准
|生态效益指标|河道水质|达到Ⅲ类|行业标准
满意度指标|服务对象满意度指标|沿岸群众满意度|≥90%|历史标准
",
        ..base()
    }
}

// 05: a 计量单位 column; amounts in 元.
pub fn yunyang_choujian() -> PSpec {
    PSpec {
        project: "食品安全监督抽检",
        department: Some("十堰市郧阳区市场监督管理局"),
        implementer: Some("郧阳区食品药品检验检测中心"),
        attribute: Some(("延续项目", "延续")),
        leader: Some("王海燕"),
        phone: Some("0719-7223561"),
        period: Some(("2025年1月-2025年12月", Some("2025-01"), Some("2025-12"))),
        unit: "元",
        annual: Some(fo(85_000_000, 72_000_000, Some(13_000_000))),
        goals_an: vec![
            "完成食品安全监督抽检4批次/千人，覆盖全区生产、流通、餐饮环节。",
            "不合格食品核查处置率100%，全年不发生重大食品安全事故。",
        ],
        an: "
产出指标|数量指标|食品安全监督抽检量|4#批次/千人|国家标准
||抽检样品数量|≥2400#批次|计划标准
||食品快检服务群众|≥3000#人次|计划标准
||计量器具强制检定|≥3万台件#台件|计划标准
|质量指标|不合格食品核查处置率|100#%|行业标准
||抽检样品覆盖率|95#%|计划标准
|时效指标|抽检任务完成时间|12月底前#|计划标准
||不合格食品处置时限|≤5#个工作日|行业标准
|成本指标|单批次检验费用|≤350#元/批次|预算标准
效益指标|社会效益指标|重大食品安全事故|0#起|历史标准
||群众食品安全知晓率|≥85#%|计划标准
满意度指标|服务对象满意度指标|群众满意度|≥90#%|计划标准
",
        ..base()
    }
}

// 06: the stacked header.
pub fn shashi_jiuzhu() -> PSpec {
    PSpec {
        project: "困难群众临时救助",
        department: Some("荆州市沙市区民政局"),
        implementer: Some("沙市区社会救助服务中心"),
        attribute: Some(("新增项目", "新增")),
        leader: Some("黄敏"),
        phone: Some("0716-8312074"),
        period: Some(("2023年1月-2023年12月", Some("2023-01"), Some("2023-12"))),
        annual: Some(fo(w(180), w(180), None)),
        goals_an: vec![
            "及时救助遭遇突发性、紧迫性、临时性生活困难的群众，全年救助不少于1800人次。",
            "临时救助资金发放准确率100%，切实兜住兜准兜牢民生底线。",
        ],
        an: "
产出指标|数量指标|临时救助人次|≥1800人次|历史标准
|质量指标|救助资金发放准确率|100%|行业标准
|时效指标|审批办结时限|≤15个工作日|行业标准
|成本指标|平均救助标准|≥1000元/人·次|计划标准
效益指标|社会效益指标|困难群众基本生活|有效保障|计划标准
满意度指标|服务对象满意度指标|受助群众满意度|≥95%|计划标准
",
        ..base()
    }
}

// 07: no section-label column.
pub fn yiling_nongtian() -> PSpec {
    PSpec {
        project: "夷陵区高标准农田建设",
        department: Some("宜昌市夷陵区农业农村局"),
        implementer: Some("夷陵区农田建设服务中心"),
        leader: Some("向军"),
        phone: Some("0717-7812690"),
        period: Some(("2024年3月-2025年6月", Some("2024-03"), Some("2025-06"))),
        annual: Some(fo(w(3750), w(3000), Some(w(750)))),
        goals_an: vec![
            "新建高标准农田2.5万亩，配套建设灌排、田间道路等工程。",
            "项目区粮食综合生产能力明显提升，亩均增产50公斤以上。",
        ],
        an: "
产出指标|数量指标|新建高标准农田面积|≥2.5万亩|计划标准
||新建改造渠道|≥32公里|计划标准
||新建机耕道路|≥18公里|计划标准
|质量指标|工程质量验收合格率|100%|行业标准
|时效指标|项目完工时间|2025年6月底前|计划标准|跨年度实施
|成本指标|亩均财政投入|≤1500元/亩|预算标准
效益指标|经济效益指标|粮食亩均增产|≥50公斤|计划标准
|生态效益指标|农田灌溉水有效利用系数|≥0.56|行业标准
|可持续影响指标|工程管护责任落实率|100%|计划标准
满意度指标|服务对象满意度指标|受益农户满意度|≥90%|计划标准
",
        ..base()
    }
}

// 08: template rows left unfilled, 审核意见, 项目概况, 项目实施进度计划, signatures.
pub fn xiangzhou_gongwei() -> PSpec {
    PSpec {
        project: "基本公共卫生服务项目",
        department: Some("襄阳市襄州区卫生健康局"),
        implementer: Some("襄州区疾病预防控制中心"),
        attribute: Some(("延续项目", "延续")),
        category: Some("公共卫生服务"),
        leader: Some("李红梅"),
        phone: Some("0710-2812536"),
        period: Some(("2026年1月-2026年12月", Some("2026-01"), Some("2026-12"))),
        annual: Some(fo(w(2688), w(2520), Some(w(168)))),
        goals_an: vec![
            "为全区城乡居民免费提供国家基本公共卫生服务，居民电子健康档案建档率90%以上。",
            "做好老年人、慢性病患者等重点人群健康管理。",
            "提升居民健康素养水平，群众满意度85%以上。",
        ],
        an: "
产出指标|数量指标|指标1：居民电子健康档案建档率|≥90%|行业标准
||指标2：65岁及以上老年人健康管理率|≥70%|行业标准
||指标3：高血压患者基层规范管理服务率|≥65%|行业标准
~||指标4：
|质量指标|指标1：适龄儿童国家免疫规划疫苗接种率|≥95%|行业标准
||指标2：孕产妇系统管理率|≥90%|行业标准
~||指标3：
|时效指标|指标1：补助资金拨付及时率|100%|计划标准
~||……
|成本指标|指标1：人均基本公共卫生服务经费补助标准|≥94元/人|国家标准
效益指标|社会效益指标|指标1：居民健康素养水平|≥30%|计划标准
~||指标2：
|可持续影响指标|指标1：基层医疗卫生机构服务能力|持续提升|计划标准
满意度指标|服务对象满意度指标|指标1：城乡居民满意度|≥85%|行业标准
~……|……|…
",
        ..base()
    }
}

// 12: fiscal + other ≠ total.
pub fn qianjiang_lvhua() -> PSpec {
    PSpec {
        project: "城区园林绿化养护",
        department: Some("潜江市城市管理执法局"),
        implementer: Some("潜江市园林绿化服务中心"),
        attribute: Some(("延续项目", "延续")),
        leader: Some("吴志刚"),
        phone: Some("0728-6236612"),
        period: Some(("2023年1月-2023年12月", Some("2023-01"), Some("2023-12"))),
        annual: Some(PFunds {
            total: Some(w(150)),
            lines: vec![("财政拨款", Some(w(100))), ("其他资金", Some(w(30)))],
        }),
        goals_an: vec![
            "完成城区公园、道路绿地286万平方米日常养护。",
            "绿化苗木成活率95%以上，市民游园环境持续改善。",
        ],
        an: "
产出指标|数量指标|绿地养护面积|286万平方米|计划标准
||补植苗木|≥1.2万株|计划标准
|质量指标|苗木成活率|≥95%|行业标准
|时效指标|病虫害防治及时率|100%|行业标准
|成本指标|养护单价|≤0.52元/平方米|预算标准
效益指标|社会效益指标|城区人居环境|持续改善|计划标准
满意度指标|服务对象满意度指标|市民满意度|≥90%|历史标准
",
        ..base()
    }
}

// ---------------------------------------------------------------------------------------
// 09: a workbook of project sheets after a 填表说明 sheet.

fn zengdu_common() -> PSpec {
    PSpec {
        department: Some("随州市曾都区住房和城乡建设局"),
        attribute: Some(("延续项目", "延续")),
        ..base()
    }
}

pub fn zengdu_projects() -> Vec<ProjForm> {
    let a = PSpec {
        project: "老旧小区改造",
        implementer: Some("曾都区城市更新服务中心"),
        leader: Some("孙丽"),
        phone: Some("0722-3256108"),
        attribute: Some(("新增项目", "新增")),
        period: Some(("2025年3月-2025年12月", Some("2025-03"), Some("2025-12"))),
        annual: Some(fo(w(2350), w(1980), Some(w(370)))),
        goals_an: vec![
            "完成18个老旧小区改造，惠及居民3200户。",
            "改造后小区基础设施完好率100%。",
        ],
        an: "
产出指标|数量指标|改造老旧小区数量|18个|计划标准
||惠及居民户数|≥3200户|计划标准
|质量指标|工程验收合格率|100%|行业标准
|时效指标|改造完成时间|12月底前|计划标准
效益指标|社会效益指标|居民居住条件|明显改善|计划标准
满意度指标|服务对象满意度指标|小区居民满意度|≥90%|计划标准
",
        ..zengdu_common()
    };
    let b = PSpec {
        project: "城市燃气管网更新改造",
        implementer: Some("曾都区城市燃气安全服务中心"),
        leader: Some("何建华"),
        phone: Some("0722-3256119"),
        period: Some(("2025年1月-2025年12月", Some("2025-01"), Some("2025-12"))),
        annual: Some(fo(w(1200), w(1000), Some(w(200)))),
        goals_an: vec!["更新改造老化燃气管道36公里，消除燃气安全隐患。"],
        an: "
产出指标|数量指标|更新改造燃气管道|≥36公里|计划标准
|质量指标|管道压力试验合格率|100%|行业标准
效益指标|社会效益指标|燃气安全事故|0起|历史标准
||燃气安全隐患整改率|100%|行业标准
满意度指标|服务对象满意度指标|用户满意度|≥90%|计划标准
",
        ..zengdu_common()
    };
    let c = PSpec {
        project: "市政道路维护",
        implementer: Some("曾都区市政设施维护中心"),
        leader: Some("周斌"),
        phone: Some("0722-3256120"),
        period: Some(("2025年", Some("2025"), Some("2025"))),
        annual: Some(fo(w(640), w(640), None)),
        goals_an: vec!["完成城区市政道路、人行道和排水设施日常维护。"],
        an: "
产出指标|数量指标|维护道路面积|≥45万平方米|计划标准
|时效指标|道路破损修复时限|≤48小时|行业标准
效益指标|社会效益指标|道路完好率|≥95%|行业标准
满意度指标|服务对象满意度指标|市民满意度|≥90%|计划标准
",
        ..zengdu_common()
    };
    let d = PSpec {
        project: "公共租赁住房维修",
        implementer: Some("曾都区住房保障服务中心"),
        leader: Some("刘畅"),
        phone: Some("0722-3256131"),
        period: Some(("2025年4月-2025年10月", Some("2025-04"), Some("2025-10"))),
        annual: Some(fo(18_550, 15_000, Some(3_550))),
        goals_an: vec!["完成6栋公共租赁住房外墙、屋面及水电维修。"],
        an: "
产出指标|数量指标|维修公租房栋数|6栋|计划标准
|质量指标|维修工程验收合格率|100%|行业标准
满意度指标|服务对象满意度指标|租户满意度|≥90%|计划标准
",
        ..zengdu_common()
    };
    let sheet = |f: &mut ProjForm, name: &str| f.p.sheet_name = name.into();
    let mut out = Vec::new();
    let mut fa = proj_form(
        &a,
        ProjPres {
            above: vec![title("2025年项目支出绩效目标申报表")],
            ..ProjPres::default()
        },
        "项目支出绩效目标申报",
        Some(2025),
    );
    sheet(&mut fa, "老旧小区改造");
    out.push(fa);
    let mut fb = proj_form(
        &b,
        ProjPres {
            above: vec![title("项目绩效目标表"), right("单位：万元")],
            funds_label: "项目资金",
            qizhong: true,
            ..ProjPres::default()
        },
        "项目绩效目标",
        Some(2025),
    );
    sheet(&mut fb, "燃气管网改造");
    out.push(fb);
    let mut fc = proj_form(
        &c,
        ProjPres {
            above: vec![title("项目支出绩效目标申报表"), center("（2025年度）")],
            ..ProjPres::default()
        },
        "项目支出绩效目标申报",
        Some(2025),
    );
    sheet(&mut fc, "市政道路维护");
    out.push(fc);
    let mut fd = proj_form(
        &d,
        ProjPres {
            above: vec![title("绩效目标申报表")],
            below: vec!["填报人：刘畅                填报日期：2025年1月10日".into()],
            ..ProjPres::default()
        },
        "绩效目标申报",
        Some(2025),
    );
    sheet(&mut fd, "公租房维修");
    out.push(fd);
    out
}

// ---------------------------------------------------------------------------------------
// 10: a Word file with three project tables, titles between.

pub fn dongbao_projects() -> Vec<ProjForm> {
    let common = PSpec {
        department: Some("荆门市东宝区文化和旅游局"),
        attribute: Some(("延续项目", "延续")),
        ..base()
    };
    let a = PSpec {
        project: "公共文化场馆免费开放",
        implementer: Some("东宝区文化馆"),
        leader: Some("杨帆"),
        phone: Some("0724-2336015"),
        period: Some(("2024年1月-2024年12月", Some("2024-01"), Some("2024-12"))),
        annual: Some(fo(w(96), w(96), None)),
        goals_an: vec![
            "保障区文化馆、图书馆及14个乡镇综合文化站免费开放。",
            "全年开展公益性文化活动不少于120场次。",
        ],
        an: "
产出指标|数量指标|免费开放场馆|16个|计划标准
||公益性文化活动|≥120场|计划标准
||年接待群众|≥8万人次|历史标准
|质量指标|场馆开放时间达标率|100%|行业标准
|时效指标|资金拨付及时率|100%|计划标准
效益指标|社会效益指标|群众文化生活|更加丰富|计划标准
满意度指标|服务对象满意度指标|群众满意度|≥95%|计划标准
",
        ..common.clone()
    };
    let b = PSpec {
        project: "文物保护修缮",
        implementer: Some("东宝区文物保护中心"),
        leader: Some("陈思远"),
        phone: Some("0724-2336027"),
        attribute: Some(("新增项目", "新增")),
        period: Some(("2024年4月-2024年11月", Some("2024-04"), Some("2024-11"))),
        annual: Some(fo(w(210), w(180), Some(w(30)))),
        goals_an: vec!["完成3处县级文物保护单位本体修缮，消除文物安全隐患。"],
        an: "
产出指标|数量指标|修缮文物保护单位|3处|计划标准
|质量指标|修缮工程验收合格率|100%|行业标准
|时效指标|完工时间|11月底前|计划标准
效益指标|社会效益指标|文物安全事故|0起|历史标准
满意度指标|服务对象满意度指标|周边群众满意度|≥90%|计划标准
",
        ..common.clone()
    };
    let c = PSpec {
        project: "送戏下乡惠民演出",
        implementer: Some("东宝区文化馆"),
        leader: Some("杨帆"),
        phone: Some("0724-2336015"),
        period: Some(("2024年", Some("2024"), Some("2024"))),
        annual: Some(fo(w(45), w(45), None)),
        goals_an: vec!["为全区行政村送戏下乡演出不少于150场。"],
        an: "
产出指标|数量指标|送戏下乡演出|≥150场|计划标准
||覆盖行政村|≥140个|计划标准
|质量指标|演出节目原创率|≥30%|计划标准
|成本指标|每场演出补助|≤3000元|预算标准
效益指标|社会效益指标|观看群众|≥4.5万人次|历史标准
满意度指标|服务对象满意度指标|群众满意度|≥95%|计划标准
",
        ..common
    };
    let pres = |k: usize| ProjPres {
        above: vec![
            left(&format!("附件2-{k}")),
            title("项目支出绩效目标申报表"),
            center("（2024年度）"),
        ],
        ..ProjPres::default()
    };
    vec![
        proj_form(&a, pres(1), "项目支出绩效目标申报", Some(2024)),
        proj_form(&b, pres(2), "项目支出绩效目标申报", Some(2024)),
        proj_form(&c, pres(3), "项目支出绩效目标申报", Some(2024)),
    ]
}

// ---------------------------------------------------------------------------------------
// 11: a department's workbook, its overall form first, then its project forms.

pub fn tianmen_projects() -> Vec<ProjForm> {
    let common = PSpec {
        department: Some("天门市医疗保障局"),
        leader: Some("彭小燕"),
        phone: Some("0728-5222913"),
        attribute: Some(("延续项目", "延续")),
        period: Some(("2026年1月-2026年12月", Some("2026-01"), Some("2026-12"))),
        ..base()
    };
    let a = PSpec {
        project: "城乡居民医保财政补助",
        implementer: Some("天门市医疗保障服务中心"),
        annual: Some(fo(w(9860), w(9860), None)),
        goals_an: vec!["足额落实城乡居民医保财政补助，参保率稳定在95%以上。"],
        an: "
产出指标|数量指标|参保人数|≥128万人|计划标准
||财政补助标准|≥700元/人·年|国家标准
|质量指标|参保率|≥95%|计划标准
|时效指标|补助资金到位时间|9月底前|计划标准
效益指标|社会效益指标|群众就医负担|有效减轻|计划标准
满意度指标|服务对象满意度指标|参保群众满意度|≥90%|计划标准
",
        ..common.clone()
    };
    let b = PSpec {
        project: "城乡医疗救助",
        implementer: Some("天门市医疗保障服务中心"),
        annual: Some(fo(w(1320), w(1200), Some(w(120)))),
        goals_an: vec![
            "对特困人员、低保对象等困难群众给予医疗救助。",
            "困难群众资助参保率100%。",
        ],
        an: "
产出指标|数量指标|医疗救助人次|≥3.2万人次|历史标准
|质量指标|困难群众资助参保率|100%|计划标准
||救助对象政策范围内住院费用救助比例|≥70%|国家标准
效益指标|社会效益指标|因病致贫返贫|有效防止|计划标准
满意度指标|服务对象满意度指标|救助对象满意度|≥90%|计划标准
",
        ..common.clone()
    };
    let c = PSpec {
        project: "医保基金监管",
        implementer: Some("天门市医疗保障基金监管中心"),
        annual: Some(fo(w(86), w(86), None)),
        goals_an: vec!["开展定点医药机构全覆盖检查，守好群众看病钱、救命钱。"],
        an: "
产出指标|数量指标|定点医药机构检查覆盖率|100%|计划标准
||专项检查|≥4次|计划标准
|质量指标|违规资金追回率|100%|行业标准
效益指标|社会效益指标|基金运行安全|平稳运行|计划标准
",
        ..common
    };
    let pres = |sheet: &str| ProjPres {
        above: vec![title("2026年项目支出绩效目标申报表")],
        sheet_name: sheet.into(),
        ..ProjPres::default()
    };
    vec![
        proj_form(&a, pres("医保财政补助"), "项目支出绩效目标申报", Some(2026)),
        proj_form(&b, pres("医疗救助"), "项目支出绩效目标申报", Some(2026)),
        proj_form(&c, pres("基金监管"), "项目支出绩效目标申报", Some(2026)),
    ]
}

/// Every project fixture file.
pub fn files() -> Vec<FileOut> {
    let mut out = Vec::new();

    // 01 the central template.
    let f = proj_form(
        &huarong_xiaoshe(),
        ProjPres {
            below: vec!["填报人：刘洋                  填报日期：2025年1月6日".into()],
            ..central_pres(vec![
                title("项目支出绩效目标申报表"),
                center("（2025年度）"),
            ])
        },
        "项目支出绩效目标申报",
        Some(2025),
    );
    twins(&mut out, "01_华容区教育局_中小学校舍维修改造", f, |_| {});

    // 02 the county template: check boxes, inline funds, 长期 / 年度 blocks, 30 indicators.
    let f = proj_form(
        &xiaonan_gonglu(),
        county_pres(vec![title("2024年度项目支出绩效目标申报表")]),
        "项目支出绩效目标申报",
        Some(2024),
    );
    twins(
        &mut out,
        "02_孝南区交通运输局_农村公路养护",
        f,
        |x| {
            x.attr_text = Some("新增项目○ 延续项目■".into());
        },
    );

    // 03 county: 自有资金 / 上年结转, marks before the options, 本年度目标, period "2025年".
    let f = proj_form(
        &xishui_yibao(),
        ProjPres {
            header: vec![
                vec![Field::Project],
                vec![Field::Dept, Field::Impl],
                vec![Field::Attr, Field::Category],
                vec![Field::LeaderPhone, Field::Period],
            ],
            goals: GoalsStyle::Separate("长期目标", "本年度目标"),
            goal_num: GoalNum::Paren,
            ..county_pres(vec![title("绩效目标申报表"), center("（2025年度）")])
        },
        "绩效目标申报",
        Some(2025),
    );
    twins(
        &mut out,
        "03_浠水县医疗保障局_城乡居民医保补助",
        f,
        |x| {
            x.attr_text = Some("□新增项目 ■延续项目".into());
        },
    );

    // 04 one block, numbered goals 目标1：.
    let f = proj_form(
        &jiayu_qingyu(),
        ProjPres {
            above: vec![title("2026年度项目绩效目标表")],
            qizhong: true,
            goal_num: GoalNum::Mubiao,
            ..ProjPres::default()
        },
        "项目绩效目标",
        Some(2026),
    );
    twins(&mut out, "04_嘉鱼县水利和湖泊局_河道清淤", f, |_| {});

    // 05 计量单位 column, amounts in 元.
    let f = proj_form(
        &yunyang_choujian(),
        ProjPres {
            above: vec![title("财政支出项目绩效目标申报表"), center("（2025年度）")],
            header: vec![
                vec![Field::Project],
                vec![Field::Dept, Field::Impl],
                vec![Field::Leader, Field::Phone],
                vec![Field::Attr, Field::Period],
            ],
            period_label: "项目起止时间",
            funds_label: "项目资金（元）",
            goals: GoalsStyle::Single("年度绩效目标"),
            unit_col: true,
            ..ProjPres::default()
        },
        "财政支出项目绩效目标申报",
        Some(2025),
    );
    twins(&mut out, "05_郧阳区市场监督管理局_食品安全抽检", f, |_| {});

    // 06 stacked header; the year only in the file name.
    let f = proj_form(
        &shashi_jiuzhu(),
        ProjPres {
            above: vec![title("绩效目标申报表")],
            stacked: vec![Field::Project, Field::Dept, Field::Impl],
            header: vec![
                vec![Field::Leader, Field::Phone],
                vec![Field::Attr, Field::Period],
            ],
            goal_num: GoalNum::Dun,
            l3_label: "指标名称",
            target_label: "目标值",
            ..ProjPres::default()
        },
        "绩效目标申报",
        Some(2023),
    );
    twins(&mut out, "06_2023年沙市区民政局困难群众临时救助", f, |_| {});

    // 07 no section-label column.
    let f = proj_form(
        &yiling_nongtian(),
        ProjPres {
            above: vec![title("2024年项目绩效目标表")],
            header: vec![
                vec![Field::Project],
                vec![Field::Dept, Field::Impl],
                vec![Field::Leader, Field::Phone],
                vec![Field::Period],
            ],
            goals: GoalsStyle::Single("年度绩效目标"),
            goal_num: GoalNum::Paren,
            section_col: false,
            remark_col: true,
            ..ProjPres::default()
        },
        "项目绩效目标",
        Some(2024),
    );
    twins(&mut out, "07_夷陵区农业农村局_高标准农田建设", f, |_| {});

    // 08 unfilled template rows, sections and rows the contract ignores.
    let f = proj_form(
        &xiangzhou_gongwei(),
        ProjPres {
            above: vec![
                title("项目支出绩效目标申报表"),
                center("（2026年度）"),
                right("单位：万元"),
            ],
            overview: Some(
                "为全区城乡居民免费提供建立居民健康档案、健康教育、预防接种、老年人和慢性病患者健康管理等基本公共卫生服务。",
            ),
            funds_label: "项目资金",
            qizhong: true,
            goals: GoalsStyle::Single("年度绩效目标"),
            schedule: vec![
                ("项目启动及资金下达", "2026年1月", "2026年3月"),
                ("组织实施基本公共卫生服务", "2026年3月", "2026年11月"),
                ("绩效自评及考核", "2026年12月", "2026年12月"),
            ],
            review: vec![
                ("主管部门审核意见", "同意申报。\n（盖章）\n2026年1月12日"),
                ("财政部门审核意见", ""),
            ],
            sign_rows: vec![
                "填报人：李红梅          填报日期：2026年1月8日",
                "单位负责人签字：",
            ],
            ..ProjPres::default()
        },
        "项目支出绩效目标申报",
        Some(2026),
    );
    twins(&mut out, "08_襄州区卫生健康局_基本公共卫生服务", f, |_| {});

    // 09 a workbook: 填表说明, then four project sheets (the year in the file name).
    let mut parts = vec![Part::Plain(
        "填表说明",
        [
            "填表说明",
            "1. 每个项目填报一张表，金额单位为万元。",
            "2. 绩效指标应细化、量化，可衡量。",
            "3. 项目属性填写新增项目或延续项目。",
        ]
        .iter()
        .map(|s| vec![s.to_string()])
        .collect(),
    )];
    parts.extend(zengdu_projects().into_iter().map(proj));
    out.push(FileOut::new(
        "09_曾都区住房和城乡建设局2025年项目绩效目标.xlsx",
        Kind::Xlsx,
        parts,
    ));

    // 10 a Word file with three project tables.
    out.push(FileOut::new(
        "10_东宝区文化和旅游局项目支出绩效目标.docx",
        Kind::Docx,
        dongbao_projects().into_iter().map(proj).collect(),
    ));

    // 11 a department's workbook: the overall form, then three projects.
    let dept = specs::form(
        specs::record(&specs::yibao()),
        Pres {
            xlsx_numbers: false,
            amount: crate::model::Amount::Thousands,
            lt_goal_label: "长期目标".into(),
            unit_text: Some("金额单位：万元".into()),
            ..Pres::default()
        },
    );
    let mut parts = vec![Part::Dept(Box::new(dept))];
    parts.extend(tianmen_projects().into_iter().map(proj));
    out.push(FileOut::new(
        "11_天门市医疗保障局部门整体及项目支出绩效目标.xlsx",
        Kind::Xlsx,
        parts,
    ));

    // 12 fiscal + other ≠ total: sum_mismatch.
    let f = proj_form(
        &qianjiang_lvhua(),
        ProjPres {
            above: vec![title("2023年度财政支出项目绩效目标申报表")],
            qizhong: true,
            ..ProjPres::default()
        },
        "财政支出项目绩效目标申报",
        Some(2023),
    );
    twins(&mut out, "12_潜江市城市管理执法局_城区绿化养护", f, |_| {});

    // 13 the central template from Hunan; Excel amounts as text.
    let f = proj_form(
        &junshan_renju(),
        ProjPres {
            goal_num: GoalNum::Dun,
            ..central_pres(vec![title("2026年度项目支出绩效目标申报表")])
        },
        "项目支出绩效目标申报",
        Some(2026),
    );
    twins(
        &mut out,
        "13_君山区农业农村局_农村人居环境整治",
        f,
        |x| {
            x.p.xlsx_numbers = false;
        },
    );

    // 14 county with a 中期 and a 年度 inline block, 中期 / 年度 indicator blocks.
    let f = proj_form(
        &shihe_yingyang(),
        ProjPres {
            goals: GoalsStyle::Separate("中期目标", "年度目标"),
            goal_num: GoalNum::Mubiao,
            ind: IndStyle::Blocks("中期绩效指标", "年度绩效指标"),
            l3_label: "三级指标",
            basis_col: true,
            remark_col: false,
            ..county_pres(vec![
                title("项目支出绩效目标申报表"),
                center("（2024年度）"),
            ])
        },
        "项目支出绩效目标申报",
        Some(2024),
    );
    out.push(FileOut::new(
        "14_浉河区教育体育局_学生营养改善计划.docx",
        Kind::Docx,
        vec![proj(f)],
    ));

    out
}
