//! Markdown to HTML (`praxis::markdown::render`) on realistic generated bodies: one page of
//! several kinds, and every body of a 200-page hub in a row.
//!
//! `cargo bench --bench markdown`

mod common;

use std::collections::HashSet;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use praxis::content::Page;
use praxis::markdown::{self, LinkMap, Source};

fn bench(c: &mut Criterion) {
    let hub = common::hub(200);
    let site = &hub.prepared.site;
    let none = HashSet::new();
    let links = LinkMap {
        urls: &site.links,
        drafts: &none,
        failed: &none,
    };
    let body = |page: &Page| common::body_of(&hub.dir.path().join(&page.file));
    let longest = site
        .pages
        .iter()
        .max_by_key(|p| p.rendered.html.len())
        .expect("pages");
    let picks: Vec<(&str, &Page)> = [
        ("guide", site.pages.iter().find(|p| p.kind == "guide")),
        (
            "report bundle",
            site.pages.iter().find(|p| p.bundle_dir.is_some()),
        ),
        ("webinar", site.pages.iter().find(|p| p.kind == "webinar")),
        ("member", site.pages.iter().find(|p| p.kind == "member")),
        ("longest", Some(longest)),
    ]
    .into_iter()
    .filter_map(|(name, page)| page.map(|p| (name, p)))
    .collect();

    let mut group = c.benchmark_group("markdown");
    for (name, page) in &picks {
        let text = body(page);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| markdown::render(black_box(&text), &source(page), &links, true))
        });
    }
    let all: Vec<(String, &Page)> = site.pages.iter().map(|p| (body(p), p)).collect();
    let bytes: usize = all.iter().map(|(text, _)| text.len()).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("all 200 pages", |b| {
        b.iter(|| {
            for (text, page) in &all {
                black_box(markdown::render(
                    black_box(text),
                    &source(page),
                    &links,
                    true,
                ));
            }
        })
    });
    group.finish();
}

fn source(page: &Page) -> Source<'_> {
    Source {
        file: &page.file,
        dir: &page.dir,
        first_line: page.body_line,
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
