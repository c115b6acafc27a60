//! Praxis turns a hub (a repository of Markdown files with YAML front-matter written by a
//! Community of Practice) into a fast, accessible, searchable static website.
//!
//! The modules follow the pipeline: [`load`] finds files, [`parse`] reads front-matter and
//! bodies, [`site`] assembles pages, sections and taxonomies, [`markdown`] renders bodies,
//! [`render`] applies the theme's templates and [`write`] swaps the finished site into place.
//! [`pipeline`] runs them in order.

#![warn(missing_docs)]

pub mod body;
pub mod budget;
pub mod check;
pub mod config;
pub mod content;
pub mod context;
pub mod diagnostic;
pub mod discover;
pub mod frontmatter;
pub mod home;
pub mod i18n;
pub mod images;
pub mod languages;
pub mod load;
pub mod localize;
pub mod markdown;
pub mod parse;
pub mod paths;
pub mod pipeline;
pub mod pulse;
pub mod related;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod suggest;
pub mod taxonomy;
pub mod theme;
pub mod write;
