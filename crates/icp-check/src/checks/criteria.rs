//! The top-level criteria of an icp and where each sits.

use icp_syntax::ast;

use crate::model::IcpModel;

/// Where a criterion of an icp sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    Block(ast::CriteriaBlock),
    /// Index into `IcpModel::rules`.
    Rule(usize),
    /// Index into `IcpModel::segments`.
    Segment(usize),
    /// Index into `IcpModel::disqualifiers`.
    Disqualifier(usize),
}

/// Every top-level criterion of an icp, with where it sits.
pub fn criteria(icp: &IcpModel) -> impl Iterator<Item = (Pos, &crate::model::Pred)> {
    let blocks = icp
        .blocks
        .iter()
        .flat_map(|b| b.preds.iter().map(move |p| (Pos::Block(b.block), p)));
    let rules = icp
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (Pos::Rule(i), &r.pred));
    let segments = icp
        .segments
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.preds.iter().map(move |p| (Pos::Segment(i), p)));
    let disqualifiers = icp
        .disqualifiers
        .iter()
        .enumerate()
        .map(|(i, d)| (Pos::Disqualifier(i), &d.pred));
    blocks.chain(rules).chain(segments).chain(disqualifiers)
}

/// The field an atomic test is about.
pub fn atom_field(p: &crate::model::Pred) -> Option<crate::model::FieldId> {
    use crate::model::PredKind as K;
    match &p.kind {
        K::Cmp { field, .. }
        | K::Range { field, .. }
        | K::In { field, .. }
        | K::Has { field, .. }
        | K::Within { field, .. }
        | K::Bool { field }
        | K::Graded { field, .. } => Some(*field),
        _ => None,
    }
}
