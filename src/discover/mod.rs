//! Discoverability outputs: feeds, calendars, structured metadata and citations.
//!
//! Everything here is derived from the assembled site after rendering; nothing feeds back into
//! page rendering except through the template context.

use serde_json::Value;

use crate::render::Output;
use crate::site::Site;

/// Extra files for feed readers, calendars and reference managers.
pub fn outputs(_site: &Site, _summaries: &[Value]) -> Vec<Output> {
    Vec::new()
}
