//! The keys of the export in order, without holding them all: the index terms of the searched
//! fields, merged over fields and segments as their dictionaries are read, and the forms
//! readers type that stand for them.

use std::iter::Peekable;
use std::vec;

use tantivy::postings::TermInfo;
use tantivy::termdict::{TermDictionary, TermStreamer};

use crate::search::SearchError;

/// Keys read and scored together: enough to keep both threads busy, few enough that the
/// postings in flight stay small whatever the size of the vocabulary.
const CHUNK_KEYS: usize = 256;
/// Postings (all fields) after which a chunk of keys is closed early.
const CHUNK_POSTINGS: u64 = 500_000;

/// One key of the export, before its postings are read.
pub(super) struct Key {
    pub key: String,
    /// The index term a typed form stands for, when it differs.
    pub alias: Option<String>,
    /// Per searched field: the segment holding the term and its entry there.
    pub infos: [Option<(usize, TermInfo)>; 3],
}

/// A term dictionary being read, with the field slot and segment it belongs to.
struct Cursor<'a> {
    stream: TermStreamer<'a>,
    slot: usize,
    segment: usize,
    live: bool,
}

/// The keys in the order of their bytes, which is the order of their strings.
pub(super) struct Keys<'a> {
    cursors: Vec<Cursor<'a>>,
    aliases: Peekable<vec::IntoIter<(String, String)>>,
    /// The key being handed out, copied from the dictionaries before they advance.
    key: Vec<u8>,
}

impl<'a> Keys<'a> {
    /// `dictionaries[slot][segment]`; `aliases` as (form, term), in any order.
    pub fn new(
        dictionaries: &[Vec<&'a TermDictionary>; 3],
        mut aliases: Vec<(String, String)>,
    ) -> Result<Keys<'a>, SearchError> {
        // Slot by slot, segments in order: of several segments holding a term, the last one's
        // entry is kept, as when every term was read into one map.
        let mut cursors = Vec::new();
        for (slot, segments) in dictionaries.iter().enumerate() {
            for (segment, dictionary) in segments.iter().enumerate() {
                let mut stream = dictionary.stream()?;
                let live = stream.advance();
                cursors.push(Cursor {
                    stream,
                    slot,
                    segment,
                    live,
                });
            }
        }
        aliases.sort_unstable();
        Ok(Keys {
            cursors,
            aliases: aliases.into_iter().peekable(),
            key: Vec::new(),
        })
    }

    /// The next key, with what every field's dictionary holds for it.
    fn next_key(&mut self) -> Option<Key> {
        let smallest = self
            .cursors
            .iter()
            .filter(|c| c.live)
            .map(|c| c.stream.key())
            .min();
        let alias = self.aliases.peek().map(|(form, _)| form.as_bytes());
        let key = match (smallest, alias) {
            (None, None) => return None,
            (Some(term), Some(form)) => term.min(form),
            (Some(term), None) => term,
            (None, Some(form)) => form,
        };
        self.key.clear();
        self.key.extend_from_slice(key);
        let mut infos: [Option<(usize, TermInfo)>; 3] = Default::default();
        for cursor in self.cursors.iter_mut() {
            if cursor.live && cursor.stream.key() == self.key.as_slice() {
                infos[cursor.slot] = Some((cursor.segment, cursor.stream.value().clone()));
                cursor.live = cursor.stream.advance();
            }
        }
        let alias = self
            .aliases
            .next_if(|(form, _)| form.as_bytes() == self.key.as_slice())
            .map(|(_, term)| term);
        Some(Key {
            // Text terms are UTF-8; the lossy conversion only guards the impossible.
            key: String::from_utf8_lossy(&self.key).into_owned(),
            alias,
            infos,
        })
    }

    /// The next keys to read and score together; none when all are done.
    pub fn next_chunk(&mut self) -> Vec<Key> {
        let mut chunk = Vec::new();
        let mut postings = 0u64;
        while chunk.len() < CHUNK_KEYS && postings < CHUNK_POSTINGS {
            let Some(key) = self.next_key() else {
                break;
            };
            postings += key
                .infos
                .iter()
                .flatten()
                .map(|(_, info)| u64::from(info.doc_freq))
                .sum::<u64>();
            chunk.push(key);
        }
        chunk
    }
}
