//! The documents a user meets: the record contract in the repository is the bureau's, word
//! for word; the README's commands and the template example it gives work as written.

use crate::common::{root, shared};

#[test]
fn the_record_contract_is_the_bureaus() {
    let ours = std::fs::read_to_string(root().join("docs/RECORD.md")).expect("docs/RECORD.md");
    let Some(shared) = shared() else {
        eprintln!("SKIP: ../shared is not beside the checkout; docs/RECORD.md not compared");
        return;
    };
    let theirs =
        std::fs::read_to_string(shared.join("spec/RECORD.md")).expect("../shared/spec/RECORD.md");
    assert!(
        ours == theirs,
        "docs/RECORD.md differs from ../shared/spec/RECORD.md: copy it again"
    );
}

#[test]
fn the_readme_template_example_loads() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    // The worked example: the first ```toml block.
    let start = readme
        .find("```toml\n")
        .expect("a TOML example in the README")
        + 8;
    let end = start + readme[start..].find("```").expect("its end");
    let mut builder = perfsheet::TemplateSetBuilder::with_built_in();
    builder
        .add_text("README.md", &readme[start..end])
        .unwrap_or_else(|e| panic!("the README's example: {e}"));
    let set = builder.build();
    assert_eq!(set.templates().len(), 3, "it extends, not adds");
}
