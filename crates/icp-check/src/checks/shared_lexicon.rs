//! The lexicon the prose checks read, built once per configuration of phrases.

use std::sync::{Arc, Mutex};

use crate::lexicon::Lexicon;

/// The lexicon for a configuration: the built-in one, or one built for the configured changes
/// and kept until the changes differ (the language server re-checks with one configuration).
pub(super) fn lexicon_for(config: &crate::config::Config) -> Arc<Lexicon> {
    type Cache = Mutex<Option<((Vec<String>, Vec<String>), Arc<Lexicon>)>>;
    static CACHE: Cache = Mutex::new(None);
    if config.extra_vague.is_empty() && config.removed_vague.is_empty() {
        static BUILTIN: std::sync::LazyLock<Arc<Lexicon>> =
            std::sync::LazyLock::new(|| Arc::new(Lexicon::builtin().clone()));
        return BUILTIN.clone();
    }
    let key = (config.extra_vague.clone(), config.removed_vague.clone());
    let mut guard = match CACHE.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some((k, lex)) = guard.as_ref() {
        if *k == key {
            return lex.clone();
        }
    }
    let lex = Arc::new(Lexicon::with_changes(
        &config.extra_vague,
        &config.removed_vague,
    ));
    *guard = Some((key, lex.clone()));
    lex
}
