//! The template definitions: the built-in ones load, a bureau's additions merge in, and a
//! bad definition says where and what, in Chinese, with a stable code.

use super::*;

fn add(text: &str) -> Result<TemplateSet, TemplateError> {
    let mut b = TemplateSetBuilder::with_built_in();
    b.add_text("local.toml", text)?;
    Ok(b.build())
}

fn error(text: &str) -> TemplateError {
    add(text).expect_err("the definition is refused")
}

#[test]
fn every_built_in_definition_loads_on_its_own() {
    for (name, text) in BUILT_IN {
        let mut b = TemplateSetBuilder::default();
        b.add_text(name, text)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let set = TemplateSet::built_in();
    let names: Vec<&str> = set.templates().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["department", "national_department", "project"]);
    for t in set.templates() {
        assert!(!t.sections.is_empty() && !t.title.is_empty(), "{}", t.name);
        for s in &t.sections {
            assert!(s.slot.kinds().contains(&s.kind), "{}: {:?}", t.name, s.slot);
            assert!(!s.labels.is_empty(), "{}: {:?} has labels", t.name, s.slot);
        }
    }
}

#[test]
fn labels_are_normalised_as_cells_are() {
    let set = add(r#"
extends = "department"
[[fields]]
field = "department"
labels = ["报 送 单 位（全称）"]
"#)
    .expect("loads");
    let t = &set.templates()[0];
    let (_, labels) = t
        .fields
        .iter()
        .find(|(s, _)| *s == Slot::Department)
        .expect("field");
    assert!(labels.contains(&"报送单位(全称)".to_string()), "{labels:?}");
}

#[test]
fn extending_adds_variants_and_a_new_template_is_tried_too() {
    let set = add(r#"
extends = "department"
[[fields]]
field = "department"
labels = ["报送单位"]
[[sections]]
field = "functions"
labels = ["单位职责"]
[columns]
level1 = ["=大类"]
"#)
    .expect("loads");
    let v = set.vocabulary();
    let hits = v.hits("报送单位");
    assert_eq!(v.slot(&hits, 0), Some((Slot::Department, "报送单位".len())));
    assert_eq!(v.role(&v.hits("大类"), 0), Some(Role::Level1));
    // The built-in labels are still there.
    assert_eq!(
        v.slot(&v.hits("部门名称"), 0).map(|s| s.0),
        Some(Slot::Department)
    );

    let set = add(r#"
name = "archives"
form_type = "department"
description = "档案馆绩效目标表"
form = "档案工作绩效目标"
title = ["*档案工作绩效目标"]
[[sections]]
field = "annual.indicators"
kind = "indicators"
labels = ["考核指标"]
"#)
    .expect("loads");
    assert_eq!(set.templates().len(), 4);
    assert_eq!(set.templates()[3].min_sections, 2);
}

#[test]
fn bad_definitions_say_where_and_what() {
    let cases: &[(&str, TemplateErrorCode, usize, &str)] = &[
        (
            "name = \"x\"\nform_type = \"department\"\nform = \"x\"\ntitel = []\n",
            TemplateErrorCode::Syntax,
            4,
            "titel",
        ),
        (
            "name = \"x\"\nform_type = \"county\"\nform = \"x\"\n",
            TemplateErrorCode::UnknownValue,
            2,
            "form_type",
        ),
        (
            "name = \"x\"\nform_type = \"department\"\nform = \"x\"\n[[sections]]\nfield = \"annual.goals\"\nlabels = [\"年度目标\"]\n",
            TemplateErrorCode::UnknownField,
            5,
            "annual.goals",
        ),
        (
            "name = \"x\"\nform_type = \"department\"\nform = \"x\"\n[[sections]]\nfield = \"funds\"\nkind = \"list\"\nlabels = [\"资金\"]\n",
            TemplateErrorCode::WrongKind,
            6,
            "money_table",
        ),
        (
            "extends = \"department\"\n[[fields]]\nfield = \"department\"\nlabels = [\"*单位\"]\n",
            TemplateErrorCode::BadLabel,
            4,
            "*",
        ),
        (
            "extends = \"department\"\n[[fields]]\nfield = \"department\"\nlabels = [\"  \"]\n",
            TemplateErrorCode::BadLabel,
            4,
            "空",
        ),
        (
            "extends = \"county\"\n",
            TemplateErrorCode::UnknownTemplate,
            1,
            "county",
        ),
        (
            "name = \"department\"\nform_type = \"department\"\nform = \"x\"\n[[sections]]\nfield = \"functions\"\nlabels = [\"职能\"]\n",
            TemplateErrorCode::DuplicateName,
            0,
            "extends",
        ),
        (
            "extends = \"department\"\n[[sections]]\nfield = \"department\"\nlabels = [\"单位\"]\n",
            TemplateErrorCode::UnknownField,
            3,
            "[[fields]]",
        ),
        (
            "name = \"部门\"\nform_type = \"department\"\nform = \"x\"\n",
            TemplateErrorCode::BadName,
            1,
            "英文",
        ),
        (
            "name = \"x\"\nform_type = \"department\"\nform = \"x\"\n",
            TemplateErrorCode::MissingKey,
            1,
            "sections",
        ),
        (
            "name = \"x\"\nform_type = \"department\"\nform = \"x\"\nmin_sections = 0\n[[sections]]\nfield = \"functions\"\nlabels = [\"职能\"]\n",
            TemplateErrorCode::UnknownValue,
            4,
            "min_sections",
        ),
        ("name = [\n", TemplateErrorCode::Syntax, 1, ""),
    ];
    for (text, code, line, word) in cases {
        let e = error(text);
        assert_eq!(e.code, *code, "{text}: {e}");
        if *line > 0 {
            assert_eq!(e.line, Some(*line), "{text}: {e}");
        }
        let shown = e.to_string();
        assert!(shown.starts_with("local.toml:"), "{shown}");
        assert!(shown.contains(word), "{text}: {shown}");
        assert!(shown.ends_with(&format!("[{}]", code.as_str())), "{shown}");
        assert!(!e.message.is_ascii(), "Chinese: {shown}");
    }
}

#[test]
fn a_folder_of_definitions_loads_in_name_order() {
    let dir = std::env::temp_dir().join(format!("perfsheet-templates-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("b.toml"),
        "extends = \"a\"\n[[fields]]\nfield = \"department\"\nlabels = [\"报送单位\"]\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("a.toml"),
        "name = \"a\"\nform_type = \"department\"\nform = \"x\"\ntitle = [\"*x\"]\n[[sections]]\nfield = \"functions\"\nlabels = [\"职能\"]\n",
    )
    .expect("write");
    std::fs::write(dir.join("notes.txt"), "not a definition").expect("write");
    let mut b = TemplateSetBuilder::with_built_in();
    b.add_path(&dir).expect("loads");
    let set = b.build();
    let a = set.templates().iter().find(|t| t.name == "a").expect("a");
    assert_eq!(a.fields.len(), 1);
    let missing = TemplateSetBuilder::with_built_in()
        .add_path(&dir.join("none.toml"))
        .map(|_| ())
        .expect_err("missing");
    assert_eq!(missing.code, TemplateErrorCode::Unreadable);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_listing_names_every_template_and_its_labels() {
    let text = describe(&TemplateSet::built_in());
    for word in [
        "department",
        "national_department",
        "project",
        "部门总体资金情况",
        "项目名称",
        "money_table",
        "task_table",
    ] {
        assert!(text.contains(word), "{word}");
    }
}
