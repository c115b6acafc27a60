//! The one definition of how text becomes search terms, shared by indexing, the command-line
//! search and the export the browser client reads. It is parameterised by the language of the
//! index: the tokenizer and filters are the same everywhere, the stemmer is the language's.
//!
//! Tokens are runs of letters and digits (tantivy's simple tokenizer), except that runs of
//! Chinese, Japanese and Korean characters, which are written without spaces, become
//! overlapping bigrams (`日本語` → `日本`, `本語`; a lone character stays one token). The
//! browser client (`search.js`, `words`) splits typed text the same way.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Tokens longer than this many bytes are dropped (URLs, hashes, base64 noise).
pub const MAX_TOKEN_BYTES: usize = 40;

/// The name the analyzer is registered under in the index.
pub const TOKENIZER: &str = "praxis";

/// Whether a character belongs to a script written without spaces between words: Han,
/// Hiragana, Katakana and Hangul (the same ranges as `CJK` in search.js).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x3005..=0x3007
        | 0x3040..=0x30FF
        | 0x3130..=0x318F
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F
        | 0x20000..=0x3FFFF)
}

/// Runs of letters and digits, with runs of CJK characters cut into overlapping bigrams.
#[derive(Clone, Default)]
pub struct PraxisTokenizer {
    token: Token,
}

/// The token stream of [`PraxisTokenizer`].
pub struct PraxisTokenStream<'a> {
    text: &'a str,
    /// Byte offset where scanning resumes.
    at: usize,
    /// Inside a CJK run: the byte offset where the run ends.
    run_end: usize,
    token: &'a mut Token,
}

impl Tokenizer for PraxisTokenizer {
    type TokenStream<'a> = PraxisTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> PraxisTokenStream<'a> {
        self.token.reset();
        PraxisTokenStream {
            text,
            at: 0,
            run_end: 0,
            token: &mut self.token,
        }
    }
}

impl PraxisTokenStream<'_> {
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.token.position.wrapping_add(1);
        true
    }
}

impl TokenStream for PraxisTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.at < self.run_end {
            // The next bigram of a CJK run; its last character is the start of the one after.
            let mut chars = self.text[self.at..self.run_end].char_indices();
            chars.next();
            if let Some((second, c)) = chars.next() {
                let from = self.at;
                let end = from + second + c.len_utf8();
                self.at = if end == self.run_end {
                    self.run_end
                } else {
                    from + second
                };
                return self.emit(from, end);
            }
            self.at = self.run_end;
        }
        let rest = &self.text[self.at..];
        let Some((start, first)) = rest.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
            self.at = self.text.len();
            return false;
        };
        let from = self.at + start;
        let cjk = is_cjk(first);
        let end = self.text[from..]
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric() || is_cjk(c) != cjk)
            .map_or(self.text.len(), |(i, _)| from + i);
        if !cjk {
            self.at = end;
            return self.emit(from, end);
        }
        let second = from + first.len_utf8();
        if second == end {
            // A lone CJK character is a token of its own.
            self.at = end;
            return self.emit(from, end);
        }
        self.run_end = end;
        self.at = from;
        self.advance()
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The stemming language for a BCP 47 code, when tantivy has a stemmer for it.
pub fn stemmer_language(code: &str) -> Option<Language> {
    let primary = code
        .split(['-', '_'])
        .next()
        .unwrap_or(code)
        .to_ascii_lowercase();
    Some(match primary.as_str() {
        "ar" => Language::Arabic,
        "da" => Language::Danish,
        "nl" => Language::Dutch,
        "en" => Language::English,
        "fi" => Language::Finnish,
        "fr" => Language::French,
        "de" => Language::German,
        "el" => Language::Greek,
        "hu" => Language::Hungarian,
        "it" => Language::Italian,
        "no" | "nb" | "nn" => Language::Norwegian,
        "pt" => Language::Portuguese,
        "ro" => Language::Romanian,
        "ru" => Language::Russian,
        "es" => Language::Spanish,
        "sv" => Language::Swedish,
        "ta" => Language::Tamil,
        "tr" => Language::Turkish,
        _ => return None,
    })
}

/// The key of a language in the search layout (`search/<key>/`, `search/tantivy/<key>/`): the
/// code lower-cased, with anything but letters, digits and `-` made a `-` (`zh-Hans` →
/// `zh-hans`); `und` when there is none.
pub fn language_key(code: &str) -> String {
    let key: String = code
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if key.trim_matches('-').is_empty() {
        "und".into()
    } else {
        key
    }
}

/// ASCII folding then the language's stemmer, for one lower-cased token.
fn fold_stem(language: &str) -> TextAnalyzer {
    let base = TextAnalyzer::builder(RawTokenizer::default()).filter(AsciiFoldingFilter);
    match stemmer_language(language) {
        Some(language) => base.filter(Stemmer::new(language)).build(),
        None => base.build(),
    }
}

/// Typed forms (lower-cased tokens) and the index term each became, gathered while indexing.
pub type Forms = Arc<Mutex<HashMap<String, String>>>;

/// The analyzer of an index in `language`: the tokenizer above, remove-long, lower-case,
/// ASCII folding, then the language's stemmer when tantivy has one (unstemmed otherwise).
pub fn analyzer(language: &str) -> TextAnalyzer {
    analyzer_with_forms(language).0
}

/// [`analyzer`], and the forms it has seen with their terms. Folding and stemming are
/// remembered per form (each copy of the analyzer keeps its own memory and hands it to the
/// forms when dropped), so the index pays for them once per distinct word rather than once
/// per occurrence, and the export gets the typed forms without tokenizing the text again.
pub fn analyzer_with_forms(language: &str) -> (TextAnalyzer, Forms) {
    let forms = Forms::default();
    let analyzer = TextAnalyzer::builder(PraxisTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(FoldStem {
            analyzer: fold_stem(language),
            forms: forms.clone(),
        })
        .build();
    (analyzer, forms)
}

/// ASCII folding and stemming, remembered per token.
struct FoldStem {
    analyzer: TextAnalyzer,
    forms: Forms,
}

impl TokenFilter for FoldStem {
    type Tokenizer<T: Tokenizer> = FoldStemFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FoldStemFilter<T> {
        FoldStemFilter {
            tokenizer,
            analyzer: self.analyzer,
            memory: FxHashMap::default(),
            forms: self.forms,
        }
    }
}

/// The tokenizer `FoldStem` makes.
pub struct FoldStemFilter<T> {
    tokenizer: T,
    analyzer: TextAnalyzer,
    /// Looked up once per token indexed: a fast hash (its keys are the hub's own words, not
    /// input chosen to collide) rather than SipHash.
    memory: FxHashMap<String, String>,
    forms: Forms,
}

impl<T: Clone> Clone for FoldStemFilter<T> {
    fn clone(&self) -> Self {
        FoldStemFilter {
            tokenizer: self.tokenizer.clone(),
            analyzer: self.analyzer.clone(),
            memory: FxHashMap::default(),
            forms: self.forms.clone(),
        }
    }
}

impl<T> Drop for FoldStemFilter<T> {
    fn drop(&mut self) {
        if self.memory.is_empty() {
            return;
        }
        if let Ok(mut forms) = self.forms.lock() {
            forms.extend(self.memory.drain());
        }
    }
}

impl<T: Tokenizer> Tokenizer for FoldStemFilter<T> {
    type TokenStream<'a> = FoldStemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FoldStemStream {
            tail: self.tokenizer.token_stream(text),
            analyzer: &mut self.analyzer,
            memory: &mut self.memory,
        }
    }
}

/// The token stream of [`FoldStemFilter`].
pub struct FoldStemStream<'a, T> {
    tail: T,
    analyzer: &'a mut TextAnalyzer,
    memory: &'a mut FxHashMap<String, String>,
}

impl<T: TokenStream> TokenStream for FoldStemStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(term) = self.memory.get(&token.text) {
            token.text.clone_from(term);
        } else {
            let mut stream = self.analyzer.token_stream(&token.text);
            let term = if stream.advance() {
                stream.token().text.clone()
            } else {
                token.text.clone()
            };
            drop(stream);
            let form = std::mem::replace(&mut token.text, term.clone());
            self.memory.insert(form, term);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The analyzer up to lower-casing: the forms a reader types. The export maps each of these
/// to the term the full analyzer makes of it, so the browser needs no stemmer of its own.
pub fn surface_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(PraxisTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build()
}

/// The terms of a text, in order.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// The distinct terms of a query, in order of first appearance.
pub fn query_terms(analyzer: &mut TextAnalyzer, query: &str) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    terms(analyzer, query)
        .into_iter()
        .filter(|t| seen.insert(t.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_folded_and_stemmed() {
        let mut a = analyzer("en");
        assert_eq!(
            terms(&mut a, "Café pumps, PUMPING!"),
            ["cafe", "pump", "pump"]
        );
        assert_eq!(query_terms(&mut a, "pump pumps water"), ["pump", "water"]);
    }

    #[test]
    fn languages_without_a_stemmer_are_unstemmed() {
        let mut a = analyzer("sw");
        assert_eq!(terms(&mut a, "Maji safi"), ["maji", "safi"]);
        assert!(stemmer_language("fr-CA").is_some());
        let mut fr = analyzer("fr");
        assert_eq!(terms(&mut fr, "projets"), ["projet"]);
    }

    #[test]
    fn long_tokens_are_dropped() {
        let mut a = analyzer("en");
        assert!(terms(&mut a, &"x".repeat(40)).is_empty());
        assert_eq!(terms(&mut a, &"x".repeat(39)).len(), 1);
    }

    #[test]
    fn cjk_runs_become_overlapping_bigrams() {
        let mut a = surface_analyzer();
        assert_eq!(terms(&mut a, "日本語"), ["日本", "本語"]);
        assert_eq!(terms(&mut a, "本"), ["本"]);
        assert_eq!(
            terms(&mut a, "オープンソース"),
            ["オー", "ープ", "プン", "ンソ", "ソー", "ース"]
        );
        assert_eq!(terms(&mut a, "한국어 문서"), ["한국", "국어", "문서"]);
        // Latin letters and digits next to CJK are tokens of their own.
        assert_eq!(
            terms(&mut a, "GitHubで公開, v2。"),
            ["github", "で公", "公開", "v2"]
        );
        assert_eq!(terms(&mut a, "x 中 y"), ["x", "中", "y"]);
        // Re-analysing a token gives the token: the export's forms map one to one.
        let mut full = analyzer("ja");
        for token in terms(&mut a, "开源项目的许可证 ライセンス") {
            assert_eq!(terms(&mut full, &token), std::slice::from_ref(&token));
        }
    }

    #[test]
    fn the_analyzer_remembers_typed_forms_and_their_terms() {
        let (mut a, forms) = analyzer_with_forms("en");
        let text = "Café pumps, PUMPING! pumps 日本語";
        assert_eq!(
            terms(&mut a, text),
            ["cafe", "pump", "pump", "pump", "日本", "本語"]
        );
        // Remembered or not, a form always becomes the same term as without memory.
        let mut plain = TextAnalyzer::builder(PraxisTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build();
        assert_eq!(terms(&mut a, text), terms(&mut plain, text));
        drop(a);
        let forms = forms.lock().unwrap();
        assert_eq!(forms["café"], "cafe");
        assert_eq!(forms["pumps"], "pump");
        assert_eq!(forms["pumping"], "pump");
        assert_eq!(forms["日本"], "日本");
        assert_eq!(forms.len(), 5);
    }

    #[test]
    fn language_keys_are_safe_folder_names() {
        assert_eq!(language_key("zh-Hans"), "zh-hans");
        assert_eq!(language_key("pt_BR"), "pt-br");
        assert_eq!(language_key(""), "und");
        assert_eq!(language_key("../x"), "---x");
    }
}
