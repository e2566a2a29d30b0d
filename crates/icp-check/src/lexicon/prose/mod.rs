//! Prose judgment beyond the phrase lists: the rules that let `vague-term`,
//! `solution-thinking` and `weak-trigger` hold on wordings no list foresaw.
//!
//! [`judge`] reads one piece of prose in its context (a title, a criterion, a job, a pain, a
//! trigger, ...) and returns the phrases a reviewer would flag, each with the exact words and
//! why. It runs in one pass over the words of the text, with a few lookups per word:
//!
//! - **Names are not adjectives.** Words inside quotes, capitalised words in the middle of a
//!   sentence and runs of capitalised words ("Splunk Enterprise Security", "Modern Treasury"),
//!   a short list of known product and vendor names, and a size word naming a product's tier
//!   ("Enterprise plan") are never vague. In Title Case text capitals say nothing and only the
//!   known names count.
//! - **Morphology.** A hyphenated compound ending in `-forward`, `-first`, `-savvy`, `-minded`,
//!   `-driven`, `-centric`, `-focused`, `-obsessed`, ... is a self-description every company
//!   claims ("security-forward", "people-first").
//! - **Degree words and evaluative nouns** ("sizeable", "significant", "strong", "large",
//!   "momentum", "excellence", "trajectory") are vague unless a number sharpens them. A number
//!   sharpens only when it measures a quantity: "in 3 states", "across 10 markets", "in 2026"
//!   say where or when, not how much, so "hungry for growth in 3+ states" stays vague while
//!   "grew headcount 30% in 12 months" is precise.
//! - **Quantifiers.** "Any", "every", "all", "everyone" opening a description are everyone
//!   unless scoped: to a named thing, a number, or a group ("everyone on the SOC rotation").
//! - **Vendor voice.** "our", "ours", "us", "we" in prose that describes the customer is the
//!   vendor speaking of itself: the customer is being defined by the product. Jobs and pains
//!   may be written in the customer's own voice ("close our books in 5 days"), so there the
//!   pronoun counts only when it points at a tool ("with our app", "adopt our platform"), when
//!   the customer is spoken of in the third person, or with `ours`.
//! - **Needing a product.** "need", "lack", "looking for", "require" followed by a product noun
//!   ("a scheduling tool", "a modern SIEM", "a better way") defines the customer by what is
//!   sold; needing to meet an obligation ("need to file Form ADV") is a real trait.
//! - **Events, not attitudes.** In a trigger, a state of mind ("curious about", "open to",
//!   "worried about", "keen on"), a hypothetical ("might", "could", "likely") or a possession
//!   ("has budget") is no event, unless the trigger opens with something that happened
//!   ("Announced ...", "Hired ...").
//! - **Empty pains and jobs.** A pain of three words or fewer with no number names a category
//!   ("Burnout", "Fierce competition"), not a situation; a short job (six words at most) that
//!   opens with an aspiration verb ("Transform", "Empower", "Drive") and has no number has
//!   nothing to check.

//!
//! - `words.rs`: the word lists and the table of every word in them;
//! - `text.rs`: a text cut into words, and the names, numbers and scopes in it;
//! - `rules.rs`: [`judge`], the rules per context.

pub mod eval;
mod rules;
mod text;
mod words;

pub use rules::{Context, judge};
