//! `perfsheet schema` describes what `perfsheet ingest` writes: the dataset of the bundled
//! fixtures (and the JSON Lines files) validate against the schema printed by the binary.
//!
//! The validator below covers exactly the JSON Schema keywords schemars emits for our types
//! (type, properties, required, additionalProperties, items, $ref into $defs, anyOf, oneOf,
//! allOf, enum, const, minimum, format for integer widths). Any other keyword makes the test
//! fail loudly rather than pass unchecked, so a change in what schemars emits is noticed.
//! A full validator crate (jsonschema, boon) would pull in a regex engine, URL handling and
//! dozens of crates for a single test on a two-core build machine; this subset is small
//! enough to read in one sitting, and the negative tests below show that it does reject.

use crate::common::root;
use serde_json::{Map, Value};
use std::path::Path;
use std::process::Command;

fn perfsheet() -> Command {
    Command::new(env!("CARGO_BIN_EXE_perfsheet"))
}

fn schema(of: &str) -> Value {
    let out = perfsheet()
        .args(["schema", of])
        .output()
        .expect("perfsheet schema runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the schema is JSON")
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("perfsheet-schema-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Every place where `value` breaks `schema`, as "path: problem" lines.
fn validate(schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, value, "", &mut errors);
    errors
}

fn resolve<'a>(root: &'a Value, reference: &str) -> &'a Value {
    let path = reference
        .strip_prefix("#/")
        .unwrap_or_else(|| panic!("only local references are emitted, got {reference}"));
    path.split('/').fold(root, |v, key| {
        v.get(key)
            .unwrap_or_else(|| panic!("dangling reference {reference}"))
    })
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        // JSON Schema: an integer is a number with no fraction (1.0 counts).
        "integer" => v.as_f64().is_some_and(|x| x.fract() == 0.0),
        other => panic!("unknown type {other}"),
    }
}

fn check(root: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    let obj: &Map<String, Value> = match schema {
        Value::Bool(true) => return,
        Value::Bool(false) => {
            errors.push(format!("{at}: nothing is allowed here"));
            return;
        }
        Value::Object(o) => o,
        other => panic!("a schema is an object or a boolean, got {other}"),
    };
    for (key, sub) in obj {
        match key.as_str() {
            "$schema" | "$id" | "title" | "description" | "$defs" | "examples" | "default"
            // properties/additionalProperties are handled together below.
            | "properties" | "additionalProperties" => {}
            "$ref" => check(
                root,
                resolve(root, sub.as_str().expect("$ref is a string")),
                v,
                at,
                errors,
            ),
            "type" => {
                let ok = match sub {
                    Value::String(t) => type_matches(t, v),
                    Value::Array(ts) => ts
                        .iter()
                        .any(|t| type_matches(t.as_str().expect("type name"), v)),
                    other => panic!("bad type keyword {other}"),
                };
                if !ok {
                    errors.push(format!("{at}: {v} is not of type {sub}"));
                }
            }
            "required" => {
                if let Value::Object(o) = v {
                    for name in sub.as_array().expect("required is an array") {
                        let name = name.as_str().expect("field name");
                        if !o.contains_key(name) {
                            errors.push(format!("{at}: missing required field {name}"));
                        }
                    }
                }
            }
            "items" => {
                if let Value::Array(items) = v {
                    for (i, item) in items.iter().enumerate() {
                        check(root, sub, item, &format!("{at}[{i}]"), errors);
                    }
                }
            }
            "enum" => {
                if !sub.as_array().expect("enum is an array").contains(v) {
                    errors.push(format!("{at}: {v} is not one of {sub}"));
                }
            }
            "const" => {
                if sub != v {
                    errors.push(format!("{at}: {v} is not {sub}"));
                }
            }
            "minimum" => {
                if let (Some(x), Some(min)) = (v.as_f64(), sub.as_f64())
                    && x < min
                {
                    errors.push(format!("{at}: {x} is below the minimum {min}"));
                }
            }
            "format" => {
                let ok = match (sub.as_str(), v.as_f64()) {
                    (Some("int32"), Some(x)) => (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&x),
                    (Some("uint" | "uint64" | "uint32"), Some(x)) => x >= 0.0,
                    (Some("int" | "int64" | "double" | "float"), _) => true,
                    (Some(f), Some(_)) => panic!("unknown numeric format {f}"),
                    // Formats are annotations on strings; schemars emits none we rely on.
                    _ => true,
                };
                if !ok {
                    errors.push(format!("{at}: {v} does not fit format {sub}"));
                }
            }
            "anyOf" | "oneOf" | "allOf" => {
                let branches = sub.as_array().expect("an array of schemas");
                let passing = branches
                    .iter()
                    .filter(|b| validate_at(root, b, v, at).is_empty())
                    .count();
                let ok = match key.as_str() {
                    "anyOf" => passing >= 1,
                    "oneOf" => passing == 1,
                    _ => passing == branches.len(),
                };
                if !ok {
                    errors.push(format!(
                        "{at}: {passing} of {} branches of {key} match {v}",
                        branches.len()
                    ));
                }
            }
            other => panic!("the test validator does not know the keyword {other:?}; extend it"),
        }
    }
    if let Value::Object(o) = v {
        let props = obj.get("properties").and_then(Value::as_object);
        for (name, field) in o {
            let at = format!("{at}/{name}");
            match (
                props.and_then(|p| p.get(name)),
                obj.get("additionalProperties"),
            ) {
                (Some(s), _) => check(root, s, field, &at, errors),
                (None, Some(extra)) => check(root, extra, field, &at, errors),
                (None, None) => {}
            }
        }
    }
}

fn validate_at(root: &Value, schema: &Value, v: &Value, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    check(root, schema, v, at, &mut errors);
    errors
}

fn ingest_fixtures(dir: &Path, extra: &[&str]) {
    let out = perfsheet()
        .arg("ingest")
        .arg(root().join("fixtures"))
        .args(extra)
        .arg("--quiet")
        .current_dir(dir)
        .output()
        .expect("perfsheet ingest runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_fixtures_dataset_validates_against_the_schema() {
    let dir = tmp("dataset");
    ingest_fixtures(&dir, &["-o", "d.json"]);
    let dataset: Value =
        serde_json::from_slice(&std::fs::read(dir.join("d.json")).expect("dataset")).expect("json");
    assert!(
        dataset["records"].as_array().is_some_and(|r| !r.is_empty()),
        "the fixtures give at least one record"
    );
    let schema = schema("dataset");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let errors = validate(&schema, &dataset);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn json_lines_files_validate_line_by_line() {
    let dir = tmp("jsonl");
    ingest_fixtures(&dir, &["--jsonl", "out"]);
    for (file, of) in [("records.jsonl", "record"), ("flagged.jsonl", "flagged")] {
        let schema = schema(of);
        let text = std::fs::read_to_string(dir.join("out").join(file)).expect("jsonl");
        for (n, line) in text.lines().enumerate() {
            let v: Value = serde_json::from_str(line).expect("a JSON value per line");
            let errors = validate(&schema, &v);
            assert!(errors.is_empty(), "{file}:{}: {}", n + 1, errors.join("\n"));
        }
    }
    let summary: Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/summary.json")).expect("summary"))
            .expect("json");
    let errors = validate(&schema("summary"), &summary);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    let dir = tmp("negative");
    ingest_fixtures(&dir, &["-o", "d.json"]);
    let good: Value =
        serde_json::from_slice(&std::fs::read(dir.join("d.json")).expect("dataset")).expect("json");
    let schema = schema("dataset");
    // A record that has what the breakages below touch (the seed form has all of it).
    let ri = good["records"]
        .as_array()
        .expect("records")
        .iter()
        .position(|r| {
            r["funds"]["income"]["items"][0]["history"]
                .as_object()
                .is_some_and(|h| !h.is_empty())
                && r["long_term"]["indicators"][0].is_object()
        })
        .expect("a fixture record with funds history and long-term indicators");
    type Breakage = Box<dyn Fn(&mut Value)>;
    let breakages: Vec<(&str, Breakage)> = vec![
        (
            "a record without a department",
            Box::new(move |d| {
                d["records"][ri]
                    .as_object_mut()
                    .expect("record")
                    .remove("department");
            }),
        ),
        (
            "a year written as text",
            Box::new(move |d| d["records"][ri]["budget_year"] = "2024年".into()),
        ),
        (
            "a text amount",
            Box::new(move |d| {
                d["records"][ri]["funds"]["income"]["items"][0]["amount"] = "一千".into()
            }),
        ),
        (
            "an unknown value kind",
            Box::new(move |d| {
                d["records"][ri]["long_term"]["indicators"][0]["target"]["kind"] = "money".into()
            }),
        ),
        (
            "another schema version",
            Box::new(|d| d["schema_version"] = "2".into()),
        ),
        (
            "a negative file count",
            Box::new(|d| d["summary"]["files_seen"] = (-1).into()),
        ),
        (
            "a history amount as text",
            Box::new(move |d| {
                let h = d["records"][ri]["funds"]["income"]["items"][0]["history"]
                    .as_object_mut()
                    .expect("history");
                let first = h.keys().next().cloned().expect("a year");
                h.insert(first, "x".into());
            }),
        ),
    ];
    for (what, breaks) in breakages {
        let mut bad = good.clone();
        breaks(&mut bad);
        assert!(!validate(&schema, &bad).is_empty(), "not rejected: {what}");
    }
    // Fields added later are allowed by the contract (adding is fine, renaming is not).
    let mut extended = good.clone();
    extended["records"][ri]["remarks"] = "备注".into();
    assert!(validate(&schema, &extended).is_empty());
    let _ = std::fs::remove_dir_all(dir);
}
