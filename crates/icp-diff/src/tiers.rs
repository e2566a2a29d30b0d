//! Tier lists and segments compared: a change of thresholds that puts no score in another
//! tier is no change.

use super::*;

impl<'a> Differ<'a> {
    pub(crate) fn tiers(&mut self, icp: &str, base: &str, o: &'a IcpModel, n: &'a IcpModel) {
        let old: Vec<_> = o.tiers.iter().collect();
        let new: Vec<_> = n.tiers.iter().collect();
        let p = pair(
            &old,
            &new,
            |t| t.name.to_string(),
            |t| t.name.to_string(),
            |t| Some(condition(&t.condition)),
            |t| Some(condition(&t.condition)),
        );
        let path = |t: &str| format!("{base}.rubric.tier.{t}");
        let same_function = tier_function_equal(&o.tiers, &n.tiers);
        for t in p.removed {
            self.removed(
                Kind::Removed,
                Some(icp),
                path(&t.name),
                t.span,
                format!("tier `{}` removed", t.name),
            );
        }
        for (a, b) in p.renamed {
            self.both(
                Kind::Renamed,
                Some(icp),
                path(&b.name),
                a.span,
                b.span,
                format!("tier `{}` renamed to `{}`", a.name, b.name),
            );
        }
        let mut reported = false;
        if !same_function {
            for (a, b) in &p.same {
                if a.condition != b.condition {
                    reported = true;
                    let message = match (&a.condition, &b.condition) {
                        (Some((_, x)), Some((op, y))) => format!(
                            "tier `{}` now {} score {} {} (was {})",
                            b.name,
                            if matches!(op, CmpOp::Ge | CmpOp::Gt) {
                                "starts at"
                            } else {
                                "applies at"
                            },
                            op.as_str(),
                            format_rational(y),
                            format_rational(x)
                        ),
                        _ => format!(
                            "tier `{}` now applies {} (was {})",
                            b.name,
                            condition(&b.condition),
                            condition(&a.condition)
                        ),
                    };
                    self.both(
                        Kind::Retiered,
                        Some(icp),
                        path(&b.name),
                        a.span,
                        b.span,
                        message,
                    );
                }
            }
        }
        for t in p.added {
            self.added(
                Kind::Added,
                Some(icp),
                path(&t.name),
                t.span,
                format!("tier `{}` added ({})", t.name, condition(&t.condition)),
            );
        }
        // `and fit` added or removed: the same scores, but accounts outside the profile move.
        for (a, b) in &p.same {
            if a.fit != b.fit {
                reported = true;
                let message = if b.fit {
                    format!(
                        "tier `{}` now requires fit: accounts that fail a firmographics or tech_stack criterion no longer reach it",
                        b.name
                    )
                } else {
                    format!(
                        "tier `{}` no longer requires fit: the score alone decides it, so accounts outside the profile can reach it",
                        b.name
                    )
                };
                self.both(
                    Kind::Retiered,
                    Some(icp),
                    path(&b.name),
                    a.span,
                    b.span,
                    message,
                );
            }
        }
        if !same_function && !reported {
            let order = |ts: &[icp_check::model::TierModel]| {
                ts.iter()
                    .map(|t| format!("`{}`", t.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (first_o, first_n) = (o.tiers.first(), n.tiers.first());
            if let (Some(a), Some(b)) = (first_o, first_n) {
                self.push(
                    Kind::Retiered,
                    Some(icp),
                    format!("{base}.rubric.tiers"),
                    Some(self.ot(a.span)),
                    Some(self.nt(b.span)),
                    format!(
                        "tiers are now tried in the order {} (was {}): some scores land in another tier",
                        order(&n.tiers),
                        order(&o.tiers)
                    ),
                );
            }
        }
    }

    pub(crate) fn segments(
        &mut self,
        icp: &str,
        base: &str,
        o: &'a IcpModel,
        n: &'a IcpModel,
        schemas: (&SchemaModel, &SchemaModel),
    ) {
        let old: Vec<_> = o.segments.iter().collect();
        let new: Vec<_> = n.segments.iter().collect();
        let (os, ns) = (self.old.src, self.new.src);
        let p = pair(
            &old,
            &new,
            |s| s.name.to_string(),
            |s| s.name.to_string(),
            |s| Some(canon(os, span_from(s.name_span, s.span))),
            |s| Some(canon(ns, span_from(s.name_span, s.span))),
        );
        let path = |s: &str| format!("{base}.segment.{s}");
        for s in p.removed {
            self.removed(
                Kind::Removed,
                Some(icp),
                path(&s.name),
                s.name_span,
                format!("segment `{}` removed", s.name),
            );
        }
        for (a, b) in p.renamed {
            self.both(
                Kind::Renamed,
                Some(icp),
                path(&b.name),
                a.name_span,
                b.name_span,
                format!("segment `{}` renamed to `{}`", a.name, b.name),
            );
        }
        for (a, b) in p.same {
            if a.secondary != b.secondary {
                self.push(
                    Kind::Changes,
                    Some(icp),
                    path(&b.name),
                    Some(self.ot(a.name_span)),
                    Some(self.nt(b.name_span)),
                    if b.secondary {
                        format!(
                            "segment `{}` is now secondary: it stands beside the icp instead of narrowing it",
                            b.name
                        )
                    } else {
                        format!(
                            "segment `{}` is no longer secondary: its accounts must also match the icp",
                            b.name
                        )
                    },
                );
            }
            let old: Vec<&Pred> = a.preds.iter().collect();
            let new: Vec<&Pred> = b.preds.iter().collect();
            self.criteria(icp, &path(&b.name), &old, &new, schemas, Role::Criterion);
        }
        for s in p.added {
            self.added(
                Kind::Added,
                Some(icp),
                path(&s.name),
                s.name_span,
                format!("segment `{}` added", s.name),
            );
        }
    }
}

/// Whether two tier lists put every score in the same tier. The tier of a score changes
/// only at thresholds, so the lists agree everywhere when they agree at every threshold of
/// either list, between consecutive thresholds, and beyond the outermost ones.
fn tier_function_equal(
    a: &[icp_check::model::TierModel],
    b: &[icp_check::model::TierModel],
) -> bool {
    let mut points: Vec<Rational> = a
        .iter()
        .chain(b)
        .filter_map(|t| t.condition.map(|c| c.1))
        .collect();
    points.sort();
    points.dedup();
    let mut samples = points.clone();
    for w in points.windows(2) {
        samples.push((w[0] + w[1]) / Rational::from_integer(2));
    }
    let one = Rational::from_integer(1);
    samples.push(
        points
            .first()
            .map_or(Rational::from_integer(0), |p| p - one),
    );
    samples.push(points.last().map_or(Rational::from_integer(0), |p| p + one));
    let tier = |ts: &[icp_check::model::TierModel], s: Rational| -> Option<String> {
        ts.iter()
            .find(|t| match t.condition {
                None => true,
                Some((op, n)) => match op {
                    CmpOp::Eq => s == n,
                    CmpOp::Ne => s != n,
                    CmpOp::Lt => s < n,
                    CmpOp::Le => s <= n,
                    CmpOp::Gt => s > n,
                    CmpOp::Ge => s >= n,
                },
            })
            .map(|t| t.name.to_string())
    };
    samples.iter().all(|s| tier(a, *s) == tier(b, *s))
}
