//! Reader-facing rewriting of rendered bodies, once, after Markdown rendering: responsive
//! images ([`crate::images`]) and labelled task-list checkboxes.

use std::path::Path;

use rayon::prelude::*;

use crate::content::{Page, Section};
use crate::diagnostic::Diagnostic;
use crate::images::{self, Resize};
use crate::site::Asset;

/// Rewrites every page body and section text of a site being assembled; returns the image
/// copies to write and the warnings found.
pub fn apply_to_site(
    pages: &mut [Page],
    sections: &mut [Section],
    assets: &[Asset],
    base_path: &str,
) -> (Vec<Resize>, Vec<Diagnostic>) {
    let mut bodies: Vec<(&mut String, &Path)> = pages
        .iter_mut()
        .map(|p| (&mut p.rendered.html, p.file.as_path()))
        .chain(sections.iter_mut().filter_map(|s| {
            let file = s.file.as_deref()?;
            Some((&mut s.rendered.html, file))
        }))
        .collect();
    bodies.par_iter_mut().for_each(|(html, _)| {
        if let Some(new) = label_task_checkboxes(html) {
            **html = new;
        }
    });
    images::apply(bodies, assets, base_path)
}

/// Task-list checkboxes (`- [x] done`) are read-only inputs without a label, which screen
/// readers announce as an unnamed control: each gets `aria-label="Done"` or `"To do"`.
pub fn label_task_checkboxes(html: &str) -> Option<String> {
    if !html.contains("type=\"checkbox\"") {
        return None;
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    let mut changed = false;
    while let Some(start) = rest.find("<input ") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        let task = tag.contains("type=\"checkbox\"")
            && tag.contains(" disabled")
            && !tag.contains("aria-label")
            && !tag.contains(" id=");
        if task {
            let label = if tag.contains(" checked") {
                "Done"
            } else {
                "To do"
            };
            let end = if tag.ends_with("/>") {
                tag.len() - 2
            } else {
                tag.len() - 1
            };
            out.push_str(tag[..end].trim_end());
            out.push_str(&format!(" aria-label=\"{label}\">"));
            changed = true;
        } else {
            out.push_str(tag);
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_checkboxes_get_a_label_by_state() {
        let html = "<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\nwash</li>\n<li><input disabled=\"\" type=\"checkbox\"/>\nrinse</li>\n</ul>";
        let out = label_task_checkboxes(html).unwrap();
        assert_eq!(out, "<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\" aria-label=\"Done\">\nwash</li>\n<li><input disabled=\"\" type=\"checkbox\" aria-label=\"To do\">\nrinse</li>\n</ul>");
        assert!(label_task_checkboxes("<p>no tasks</p>").is_none());
        let labelled = "<input type=\"checkbox\" disabled aria-label=\"x\">";
        assert!(label_task_checkboxes(labelled).is_none());
    }
}
