//! Conversions from `icp-check` and `icp-ide` results to protocol types.

use std::str::FromStr;

use icp_ide::completion::CompletionKind;
use icp_ide::symbols::SymbolKind as IdeSymbolKind;
use tower_lsp_server::ls_types::*;

use crate::document::Diagnosed;
use crate::pos::{Encoding, PosMap};

/// The semantic token types, in the order of `icp_ide::semantic::TokenType::ALL`.
pub(crate) fn token_legend() -> SemanticTokensLegend {
    use icp_ide::semantic::TokenType as T;
    let types = T::ALL
        .iter()
        .map(|t| match t {
            T::Keyword => SemanticTokenType::KEYWORD,
            T::Schema => SemanticTokenType::NAMESPACE,
            T::Icp => SemanticTokenType::CLASS,
            T::Field => SemanticTokenType::PROPERTY,
            T::Value => SemanticTokenType::ENUM_MEMBER,
            T::Type => SemanticTokenType::TYPE,
            T::Number => SemanticTokenType::NUMBER,
            T::String => SemanticTokenType::STRING,
            T::Comment => SemanticTokenType::COMMENT,
            T::Operator => SemanticTokenType::OPERATOR,
            T::Name => SemanticTokenType::FUNCTION,
        })
        .collect();
    SemanticTokensLegend {
        token_types: types,
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

pub(crate) fn severity(s: icp_check::Severity) -> DiagnosticSeverity {
    match s {
        icp_check::Severity::Error => DiagnosticSeverity::ERROR,
        icp_check::Severity::Warning => DiagnosticSeverity::WARNING,
        icp_check::Severity::Info => DiagnosticSeverity::INFORMATION,
        icp_check::Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// One finding as an LSP diagnostic: the CLI's code, message and severity, the help line after
/// the message, labels as related information and the check's page as the code's link.
pub fn convert_diagnostic(
    d: &icp_check::Diagnostic,
    pm: &PosMap<'_>,
    uri: &Uri,
    related: bool,
) -> Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related_information = (related && !d.labels.is_empty()).then(|| {
        d.labels
            .iter()
            .map(|l| DiagnosticRelatedInformation {
                location: Location {
                    uri: uri.clone(),
                    range: pm.range(l.span),
                },
                message: l.message.clone(),
            })
            .collect()
    });
    let href = Uri::from_str(&icp_check::diagnostic::docs_url(d.code)).ok();
    Diagnostic {
        range: pm.range(d.span),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("icpc".into()),
        message,
        related_information,
        tags: (d.code == "unused-field").then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

pub(crate) fn convert_diagnostics(
    d: &Diagnosed,
    uri: &Uri,
    enc: Encoding,
    related: bool,
) -> Vec<Diagnostic> {
    let pm = d.snapshot.pos(enc);
    d.diagnostics
        .iter()
        .map(|x| convert_diagnostic(x, &pm, uri, related))
        .collect()
}

pub(crate) fn edits(pm: &PosMap<'_>, edits: &[icp_ide::TextEdit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit {
            range: pm.range(e.span),
            new_text: e.new_text.clone(),
        })
        .collect()
}

pub(crate) fn symbol_kind(k: IdeSymbolKind) -> SymbolKind {
    match k {
        IdeSymbolKind::Schema => SymbolKind::STRUCT,
        IdeSymbolKind::Field => SymbolKind::FIELD,
        IdeSymbolKind::Icp => SymbolKind::CLASS,
        IdeSymbolKind::Block => SymbolKind::NAMESPACE,
        IdeSymbolKind::Persona => SymbolKind::OBJECT,
        IdeSymbolKind::Job => SymbolKind::EVENT,
        IdeSymbolKind::Pain => SymbolKind::EVENT,
        IdeSymbolKind::Rule => SymbolKind::FUNCTION,
        IdeSymbolKind::Tier => SymbolKind::ENUM_MEMBER,
        IdeSymbolKind::Segment => SymbolKind::MODULE,
        IdeSymbolKind::Header => SymbolKind::PROPERTY,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
pub(crate) fn document_symbol(pm: &PosMap<'_>, s: &icp_ide::symbols::Symbol) -> DocumentSymbol {
    DocumentSymbol {
        name: if s.name.is_empty() {
            "?".into()
        } else {
            s.name.clone()
        },
        detail: s.detail.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        range: pm.range(s.span),
        selection_range: pm.range(s.selection),
        children: (!s.children.is_empty())
            .then(|| s.children.iter().map(|c| document_symbol(pm, c)).collect()),
    }
}

#[allow(deprecated)] // `SymbolInformation::deprecated` must be written out.
pub(crate) fn flat_symbol(
    pm: &PosMap<'_>,
    uri: &Uri,
    s: &icp_ide::symbols::FlatSymbol,
) -> SymbolInformation {
    SymbolInformation {
        name: s.name.clone(),
        kind: symbol_kind(s.kind),
        tags: None,
        deprecated: None,
        location: Location {
            uri: uri.clone(),
            range: pm.range(s.span),
        },
        container_name: s.container.clone(),
    }
}

pub(crate) fn completion_kind(k: CompletionKind) -> CompletionItemKind {
    match k {
        CompletionKind::Keyword => CompletionItemKind::KEYWORD,
        CompletionKind::Field => CompletionItemKind::FIELD,
        CompletionKind::Value => CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Operator => CompletionItemKind::OPERATOR,
        CompletionKind::Type => CompletionItemKind::TYPE_PARAMETER,
        CompletionKind::Schema => CompletionItemKind::STRUCT,
        CompletionKind::Snippet => CompletionItemKind::SNIPPET,
        CompletionKind::Code => CompletionItemKind::CONSTANT,
    }
}

pub(crate) fn markup(markdown: bool, text: String) -> MarkupContent {
    if markdown {
        MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }
    } else {
        MarkupContent {
            kind: MarkupKind::PlainText,
            value: text.replace("**", "").replace('`', ""),
        }
    }
}
