//! Template rendering (`praxis::render::render_site`) of a generated 300-page hub: every page,
//! listing, taxonomy and term page through the default theme; and the whole in-memory pipeline
//! (`praxis::pipeline::prepare`: load, parse, assemble, Markdown, render).
//!
//! `cargo bench --bench render`

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

const PAGES: usize = 300;

fn bench(c: &mut Criterion) {
    let mut hub = common::hub(PAGES);
    let outputs = hub.prepared.outputs.len() as u64;
    // The templates as `pipeline::prepare` hands them to `render_site`: compiled, with the
    // community functions registered. Each iteration renders with a fresh copy.
    let mut diagnostics = praxis::diagnostic::Diagnostics::new();
    let compiled =
        praxis::render::compile(&hub.prepared.theme).expect("the default theme compiles");
    let tera = praxis::pulse::prepare(
        hub.dir.path(),
        &mut hub.prepared.site,
        compiled,
        &mut diagnostics,
    );
    let prepared = &hub.prepared;

    let mut group = c.benchmark_group("render");
    group.sample_size(20);
    group.throughput(Throughput::Elements(outputs));
    group.bench_function("render_site 300 pages", |b| {
        b.iter_batched(
            || tera.clone(),
            |tera| {
                praxis::render::render_site(&prepared.site, &prepared.theme, tera)
                    .unwrap_or_else(|problems| panic!("the generated hub renders: {problems:?}"))
            },
            BatchSize::PerIteration,
        )
    });
    group.throughput(Throughput::Elements(PAGES as u64));
    group.bench_function("prepare 300 pages (load to render)", |b| {
        b.iter(|| {
            praxis::pipeline::prepare(
                hub.dir.path(),
                &praxis::site::BuildOptions::default(),
                &|_| {},
            )
            .unwrap_or_else(|err| panic!("{err}"))
        })
    });
    group.finish();

    c.bench_function("render/compile templates", |b| {
        b.iter(|| praxis::render::compile(black_box(&prepared.theme)).expect("compiles"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
