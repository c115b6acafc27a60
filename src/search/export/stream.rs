//! The term shards and postings files, written as the keys stream past in order: only a few
//! chunks of keys, and the shards not yet written, are held at any time.

use std::collections::BTreeMap;
use std::mem;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};

use rayon::Scope;

use super::keys::Keys;
use super::scoring::Scoring;
use super::{separator, write_file, Cards, Prepared, ShardWriter, SHARD_TARGET_BYTES};
use crate::search::SearchError;

/// Chunks of keys queued for reading and scoring at once: one for each thread, and one more
/// so a thread finishing early finds the next.
const CHUNKS_IN_FLIGHT: usize = 3;

/// What writing the term shards made.
pub(super) struct Terms {
    /// Keys that are index terms.
    pub terms: usize,
    /// Term shards.
    pub shards: usize,
    /// Where each shard starts, for the manifest.
    pub boundaries: Vec<String>,
    /// Bytes of the shards and postings files.
    pub bytes: usize,
}

/// Reads and scores the keys a chunk at a time, cuts them into shards in key order, and
/// writes each shard and postings file once complete.
///
/// This thread cuts; chunks and files are jobs queued on it, which the pool's other thread
/// takes when it is free. Waiting for a chunk, this thread runs its own queued jobs, or else
/// blocks until the job another thread took is done. It never waits as a join does, which
/// takes up any work of the pool (page rendering) and can come back to the export long
/// after its chunk is done.
pub(super) fn write_terms(
    mut keys: Keys<'_>,
    scoring: &Scoring<'_>,
    cards: &Cards<'_>,
    dir: &Path,
) -> Result<Terms, SearchError> {
    let unstarted = AtomicUsize::new(0);
    let unstarted = &unstarted;
    rayon::scope(|scope| {
        let (chunks_sent, chunk_results) = channel();
        let (files_sent, file_results) = channel();
        let mut cutter = Cutter::default();
        let mut ready = BTreeMap::new();
        let (mut queued, mut taken, mut writes, mut bytes) = (0, 0, 0, 0);
        let mut exhausted = false;
        loop {
            while !exhausted && queued - taken < CHUNKS_IN_FLIGHT {
                let chunk = keys.next_chunk();
                if chunk.is_empty() {
                    exhausted = true;
                    break;
                }
                let number = queued;
                queue(scope, unstarted, &chunks_sent, move || {
                    let prepared = chunk.into_iter().map(|key| scoring.prepare(key));
                    (number, prepared.collect::<Result<Vec<_>, SearchError>>())
                });
                queued += 1;
            }
            let done = taken == queued;
            if done {
                cutter.close();
            }
            for (number, shard) in mem::take(&mut cutter.finished) {
                let path = dir.join(format!("t/{number}.bin"));
                queue(scope, unstarted, &files_sent, move || {
                    write_file(path, &shard.finish(cards))
                });
                writes += 1;
            }
            for (number, postings) in mem::take(&mut cutter.files) {
                let path = dir.join(format!("p/{number}.bin"));
                queue(scope, unstarted, &files_sent, move || {
                    write_file(path, &postings)
                });
                writes += 1;
            }
            if done {
                break;
            }
            // Chunks may be done out of order; they are cut in order.
            let prepared = loop {
                if let Some(prepared) = ready.remove(&taken) {
                    break prepared;
                }
                let (number, prepared) = receive(&chunk_results, unstarted);
                ready.insert(number, prepared);
            };
            taken += 1;
            for entry in prepared? {
                cutter.add(entry);
            }
        }
        for _ in 0..writes {
            bytes += receive(&file_results, unstarted)?;
        }
        Ok(Terms {
            terms: cutter.terms,
            shards: cutter.shards,
            boundaries: cutter.boundaries,
            bytes,
        })
    })
}

/// Queues `job` on this thread, to send its result, or its panic: a job that sent nothing
/// would leave [`receive`] waiting forever.
fn queue<'s, T: Send + 's>(
    scope: &Scope<'s>,
    unstarted: &'s AtomicUsize,
    results: &Sender<std::thread::Result<T>>,
    job: impl FnOnce() -> T + Send + 's,
) {
    let results = results.clone();
    unstarted.fetch_add(1, Ordering::SeqCst);
    scope.spawn(move |_| {
        unstarted.fetch_sub(1, Ordering::SeqCst);
        // The receiver is gone only when the export has already failed.
        let _ = results.send(catch_unwind(AssertUnwindSafe(job)));
    });
}

/// The next result of a queued job, running this thread's own queued jobs while none is in.
fn receive<T>(results: &Receiver<std::thread::Result<T>>, unstarted: &AtomicUsize) -> T {
    let outcome = loop {
        if let Ok(outcome) = results.try_recv() {
            break outcome;
        }
        // With none of its jobs left in its queue, this thread only pops another's work (a
        // language's export, a page's rendering) that it would then have to finish first.
        let ran = unstarted.load(Ordering::SeqCst) > 0
            && rayon::yield_local() == Some(rayon::Yield::Executed);
        if !ran {
            // Every job still due is running on another thread, which will send its result.
            break results
                .recv()
                .expect("every queued job sends its result before it ends");
        }
    };
    outcome.unwrap_or_else(|panic| resume_unwind(panic))
}
/// Cuts the keys, taken in order, into shards, and holds the shards and postings files made
/// complete since they were last written.
#[derive(Default)]
struct Cutter {
    shard: ShardWriter,
    /// Where each shard starts, for the manifest.
    boundaries: Vec<String>,
    last_key: String,
    /// Keys that are index terms.
    terms: usize,
    /// Shards cut so far, which numbers the next.
    shards: usize,
    /// Postings files so far, which numbers the next.
    postings_files: usize,
    finished: Vec<(usize, ShardWriter)>,
    files: Vec<(usize, Vec<u8>)>,
}

impl Cutter {
    fn add(&mut self, mut entry: Prepared) {
        // A typed form stays in the shard of the term it stands for (`chlorine` → `chlorin`),
        // so looking it up never costs a second request.
        let follows_target = entry
            .alias
            .as_ref()
            .is_some_and(|target| self.shard.keys.contains(target));
        if self.shard.estimate >= SHARD_TARGET_BYTES && !follows_target {
            self.cut();
        }
        if self.shard.previous.is_none() {
            self.boundaries.push(if self.boundaries.is_empty() {
                String::new()
            } else {
                separator(&self.last_key, &entry.key)
            });
        }
        if entry.mask != 0 {
            self.terms += 1;
        }
        if let Some(postings) = self.shard.add(&mut entry, self.postings_files) {
            self.files.push((self.postings_files, postings));
            self.postings_files += 1;
        }
        self.last_key = entry.key;
    }

    fn cut(&mut self) {
        self.finished
            .push((self.shards, std::mem::take(&mut self.shard)));
        self.shards += 1;
    }

    /// Cuts the last shard, once every key is in.
    fn close(&mut self) {
        if self.shard.previous.is_some() {
            self.cut();
        }
    }
}
