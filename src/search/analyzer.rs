//! The one definition of how text becomes search terms, shared by indexing, the command-line
//! search and the export the browser client reads.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};

/// Tokens longer than this many bytes are dropped (URLs, hashes, base64 noise).
pub const MAX_TOKEN_BYTES: usize = 40;

/// The name the analyzer is registered under in the index.
pub const TOKENIZER: &str = "praxis";

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

/// Simple tokenizer, remove-long, lower-case, ASCII folding, then the language's stemmer.
pub fn analyzer(language: &str) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    match stemmer_language(language) {
        Some(language) => base.filter(Stemmer::new(language)).build(),
        None => base.build(),
    }
}

/// The analyzer up to lower-casing: the forms a reader types. The export maps each of these
/// to the term the full analyzer makes of it, so the browser needs no stemmer of its own.
pub fn surface_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
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
    }

    #[test]
    fn long_tokens_are_dropped() {
        let mut a = analyzer("en");
        assert!(terms(&mut a, &"x".repeat(40)).is_empty());
        assert_eq!(terms(&mut a, &"x".repeat(39)).len(), 1);
    }
}
