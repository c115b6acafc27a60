//! Search export (`praxis::search::build`: the tantivy index of every page part, merged, and its
//! static export for the browser) of a generated 300-page hub, into a fresh folder each time.
//!
//! `cargo bench --bench search`

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let hub = common::hub(300);
    let site = &hub.prepared.site;
    let language = &praxis::search::index::languages(site)[0];
    let parts = praxis::search::index::parts(site, language, None).len() as u64;

    let mut group = c.benchmark_group("search");
    group.sample_size(10);
    group.throughput(Throughput::Elements(parts));
    group.bench_function("parts of 300 pages", |b| {
        b.iter(|| praxis::search::index::parts(black_box(site), language, None))
    });
    group.bench_function("index + export 300 pages", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("a temporary folder"),
            |dir| {
                praxis::search::build(site, None, &dir.path().join("search"))
                    .unwrap_or_else(|err| panic!("{err}"));
                // Returned so the folder is removed outside the timed part.
                dir
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
