//! `icpc suggest`: criteria proposed from the top accounts of a CSV file, as `.icp` text.

use std::path::PathBuf;
use std::process::ExitCode;

use icp_check::Config;
use icp_check::model::SchemaModel;
use icp_suggest::suggest::{self, Request};

use crate::score::{load_analysis, pick_icp, today, usage};

#[derive(clap::Args)]
#[command(after_help = "Examples:
  icpc suggest --accounts customers.csv --by ARR
  icpc suggest --accounts customers.csv --by \"Health Score\" --top 50 --cover 0.9
  icpc suggest --accounts customers.csv --by ARR --against profile.icp
  icpc suggest --accounts customers.csv --by ARR --schema profile.icp --out suggested.icp

The top N accounts by --by (highest first; ties keep the earlier row) are compared with the
whole file. For each field: the narrowest band (numbers, dates) or the fewest values (enums,
sets, text) that hold for at least --cover of the top accounts. A criterion is proposed only
when it excludes at least 10% of the file and holds for the top accounts at least 2 times
as often as for the file (its lift); every line's comment gives its coverage, exclusion and
lift, and the fields left out are listed with the reason. See docs/suggest.md.

The schema comes from --against (the icp's schema; the output then ends with what differs
from that icp, classified as `icpc diff` classifies it), from --schema, or is inferred from
the file as `icpc init --from` infers it.

Exit status: 0 the suggestion was written, 1 some rows or cells could not be read (they are
counted and listed), 2 usage or I/O error, or the .icp has errors.")]
pub struct Args {
    /// Accounts (customers) to learn from: a CSV file.
    #[arg(long, value_name = "PATH")]
    pub accounts: PathBuf,
    /// The column to rank the accounts by, highest first (revenue, health, expansion …).
    #[arg(long, value_name = "COLUMN")]
    pub by: String,
    /// How many top accounts to learn from.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,
    /// The share of the top accounts each criterion must hold for (0 to 1).
    #[arg(long, value_name = "SHARE", default_value_t = 0.8)]
    pub cover: f64,
    /// Compare with this profile, and use its schema.
    #[arg(long, value_name = "FILE.icp", conflicts_with = "schema")]
    pub against: Option<PathBuf>,
    /// The icp of --against to compare with (needed when the file has several).
    #[arg(long, value_name = "NAME", requires = "against")]
    pub icp: Option<String>,
    /// Take the schema from this .icp file (it must hold exactly one).
    #[arg(long, value_name = "FILE.icp")]
    pub schema: Option<PathBuf>,
    /// Write the suggestion here (atomically) instead of standard output.
    #[arg(long, short, value_name = "PATH")]
    pub out: Option<PathBuf>,
}

/// Where the schema came from: its source text, its model and the profile to compare with.
struct Basis {
    schema_src: String,
    schema: SchemaModel,
    /// The icp of --against: its file, its name, its source and analysis.
    against: Option<(String, String, String, icp_check::Analysis)>,
    tech_fields: Vec<String>,
}

fn basis(args: &Args, as_of: i64) -> Result<Basis, ExitCode> {
    if let Some(file) = &args.against {
        let (display, src, analysis) = load_analysis(file, as_of, "suggesting")?;
        let icp = pick_icp(&analysis.model, args.icp.as_deref(), &display)?;
        let Some(schema) = analysis.model.schema_of(icp) else {
            return Err(usage(format!(
                "{display}: the icp `{}` names no schema (`uses SCHEMA`)",
                icp.name
            )));
        };
        let tech_fields = icp
            .block_preds(icp_syntax::ast::CriteriaBlock::TechStack)
            .flat_map(|p| p.fields())
            .map(|f| schema.fields[f].name.to_string())
            .collect();
        return Ok(Basis {
            schema_src: src[schema.span.start as usize..schema.span.end as usize].to_string(),
            schema: schema.clone(),
            against: Some((display, icp.name.to_string(), src.clone(), analysis.clone())),
            tech_fields,
        });
    }
    if let Some(file) = &args.schema {
        let (display, src, analysis) = load_analysis(file, as_of, "suggesting")?;
        return match analysis.model.schemas.as_slice() {
            [one] => Ok(Basis {
                schema_src: src[one.span.start as usize..one.span.end as usize].to_string(),
                schema: one.clone(),
                against: None,
                tech_fields: Vec::new(),
            }),
            [] => Err(usage(format!("{display} has no schema"))),
            many => Err(usage(format!(
                "{display} has {} schemas ({}); --schema needs a file with one",
                many.len(),
                many.iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        };
    }
    let inferred = icp_suggest::infer::infer(&args.accounts).map_err(usage)?;
    let schema_src = inferred.schema_source("accounts");
    let analysis = icp_check::analyze(&schema_src, &Config::default());
    let Some(schema) = analysis.model.schemas.first() else {
        return Err(usage("internal error: the inferred schema does not read"));
    };
    Ok(Basis {
        schema: schema.clone(),
        schema_src,
        against: None,
        tech_fields: Vec::new(),
    })
}

pub fn run(args: Args) -> ExitCode {
    let as_of = today();
    let basis = match basis(&args, as_of) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let req = Request {
        by: &args.by,
        top: args.top,
        cover: args.cover,
        schema: &basis.schema,
        tech_fields: basis.tech_fields.clone(),
    };
    let s = match suggest::suggest(&args.accounts, &req) {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
    let icp_name = basis
        .against
        .as_ref()
        .map_or("suggested", |(_, name, _, _)| name.as_str());
    let src = s.source(&basis.schema_src, &basis.schema.name, icp_name);
    let opts = icp_fmt::FmtOptions::default();
    let mut text = match icp_fmt::format_source(&src, &opts) {
        Ok(t) => t,
        Err(e) => {
            return usage(format!(
                "internal error: the suggestion does not parse: {e}"
            ));
        }
    };
    if let Some((display, name, old_src, old)) = &basis.against {
        let new = icp_check::analyze(&text, &Config::default());
        let report = icp_diff::diff(
            icp_diff::Version {
                src: old_src,
                analysis: old,
            },
            icp_diff::Version {
                src: &text,
                analysis: &new,
            },
            as_of,
        );
        text.push_str(&icp_suggest::suggest::against_comment(
            &report, display, name,
        ));
    }
    if let Err(code) = crate::fmt::write_or_print(args.out.as_deref(), &text) {
        return code;
    }
    eprintln!(
        "{} criteria proposed from the top {} of {} ranked accounts ({} rows); {} fields without a criterion",
        s.proposals.len(),
        s.top,
        s.ranked,
        s.rows,
        s.skipped.len()
    );
    if s.issues.count > 0 {
        eprintln!(
            "warning: {} rows or cells could not be read (a bad cell counts as unknown):",
            s.issues.count
        );
        for i in &s.issues.first {
            eprintln!("  {}", i.message);
        }
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
