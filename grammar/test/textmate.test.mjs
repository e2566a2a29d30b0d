// The TextMate grammar (grammar/icp.tmLanguage.json), tokenised with vscode-textmate as VS Code
// does: the examples tokenise cleanly and chosen tokens get the expected scopes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize, findRuns, repoRoot } from './tm.mjs';

const examplesDir = join(repoRoot, 'examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.icp')).sort();

function example(name) {
  return readFileSync(join(examplesDir, name), 'utf8');
}

/** Asserts that the token `text` (on a line containing `lineHint`) has a scope starting with `scope`. */
function expectScope(lines, text, lineHint, scope) {
  const runs = findRuns(lines, text, lineHint);
  assert.ok(runs.length > 0, `no token ${JSON.stringify(text)} on a line containing ${JSON.stringify(lineHint)}`);
  for (const t of runs.flat()) {
    assert.ok(
      t.scopes.some((s) => s.startsWith(scope)),
      `token ${JSON.stringify(text)} on line ${t.line + 1}: expected a scope starting with ${scope}, got ${t.scopes.join(' ')}`,
    );
  }
}

function expectNoScope(lines, text, lineHint, scope) {
  for (const t of findRuns(lines, text, lineHint).flat()) {
    assert.ok(
      !t.scopes.some((s) => s.startsWith(scope)),
      `token ${JSON.stringify(text)} on line ${t.line + 1} should not have ${scope}: ${t.scopes.join(' ')}`,
    );
  }
}

test('there are examples to tokenise', () => {
  assert.ok(examples.length >= 3, `examples: ${examples}`);
});

for (const name of examples) {
  test(`examples/${name} tokenises with no invalid token and no unscoped word`, async () => {
    const lines = await tokenize(example(name));
    for (const toks of lines) {
      for (const t of toks) {
        assert.ok(!t.scopes.some((s) => s.startsWith('invalid')), `invalid token ${t.text} on line ${t.line + 1}`);
        if (/^\s*$/.test(t.text)) continue;
        assert.ok(t.scopes.length > 1, `token ${JSON.stringify(t.text)} on line ${t.line + 1} has only ${t.scopes}`);
      }
    }
  });
}

test('hr-analytics.icp: keywords, fields, literals, strings and comments', async () => {
  const l = await tokenize(example('hr-analytics.icp'));
  // comments
  expectScope(l, '#', 'Ideal Customer Profile', 'comment.line.number-sign.icp');
  expectScope(l, ' Ideal Customer Profile for an HR analytics SaaS.', '', 'comment.line.number-sign.icp');
  expectScope(l, '# 5+ years old', '', 'comment.line.number-sign.icp');
  // items and header
  expectScope(l, 'schema', 'schema crm', 'storage.type.schema.icp');
  expectScope(l, 'crm', 'schema crm', 'entity.name.type.schema.icp');
  expectScope(l, 'icp', 'icp hr_analytics', 'storage.type.icp.icp');
  expectScope(l, 'hr_analytics', 'icp hr_analytics', 'entity.name.type.icp.icp');
  expectScope(l, 'uses', 'uses crm', 'keyword.other.header.uses.icp');
  expectScope(l, 'owner', 'owner "', 'keyword.other.header.owner.icp');
  expectScope(l, 'reviewed', 'reviewed', 'keyword.other.header.reviewed.icp');
  expectScope(l, 'refresh', 'refresh', 'keyword.other.header.refresh.icp');
  expectScope(l, 'quarterly', 'refresh', 'constant.language.cadence.icp');
  // schema fields and types
  expectScope(l, 'employees', 'employees: int', 'variable.other.field.declaration.icp');
  expectScope(l, 'int', 'employees: int', 'support.type.primitive.icp');
  expectScope(l, 'money', 'revenue: money', 'support.type.primitive.icp');
  expectScope(l, 'enum', 'industry: enum', 'storage.type.enum.icp');
  expectScope(l, 'set', 'bi_tools: set', 'storage.type.set.icp');
  expectScope(l, 'from', 'from "Employees"', 'keyword.other.from.icp');
  expectScope(l, 'saas', 'industry: enum', 'constant.other.enum-member.icp');
  // dimension blocks
  for (const kw of ['firmographics', 'tech_stack', 'alternatives', 'triggers', 'budget', 'reach', 'disqualify', 'rubric']) {
    expectScope(l, kw, `${kw} {`, 'keyword.other.dimension.');
  }
  expectScope(l, 'persona', 'persona hr_director', 'keyword.other.dimension.persona.icp');
  expectScope(l, 'hr_director', 'persona hr_director', 'entity.name.section.persona.icp');
  expectScope(l, 'job', 'job "', 'keyword.other.dimension.job.icp');
  expectScope(l, 'pain', 'pain "Quarterly', 'keyword.other.dimension.pain.icp');
  expectScope(l, 'segment', 'segment ideal_of_ideal', 'keyword.other.dimension.segment.icp');
  expectScope(l, 'role', 'role "', 'keyword.other.attribute.role.icp');
  expectScope(l, 'kind', 'kind functional', 'keyword.other.attribute.kind.icp');
  expectScope(l, 'functional', 'kind functional', 'constant.language.job-kind.icp');
  expectScope(l, 'channel', 'channel event', 'keyword.other.attribute.channel.icp');
  expectScope(l, 'event', 'channel event', 'constant.language.channel-kind.icp');
  expectScope(l, 'approves', 'approves "VP People"', 'keyword.other.attribute.approves.icp');
  expectScope(l, 'up', 'up to 50K', 'keyword.other.budget.up.icp');
  expectScope(l, 'because', 'employees < 50', 'keyword.other.because.icp');
  // criteria
  expectScope(l, 'employees', 'employees in 200..2000', 'variable.other.field.icp');
  expectScope(l, 'in', 'employees in 200..2000', 'keyword.operator.membership.icp');
  expectScope(l, '..', 'employees in 200..2000', 'keyword.operator.range.icp');
  expectScope(l, '>=', 'revenue >= 20M', 'keyword.operator.comparison.icp');
  expectScope(l, 'has', 'bi_tools has any', 'keyword.operator.set.icp');
  expectScope(l, 'any', 'bi_tools has any', 'keyword.operator.set.quantifier.icp');
  expectScope(l, 'within', 'vp_people_hired within', 'keyword.operator.recency.icp');
  expectScope(l, 'and', 'tech_fit', 'keyword.operator.logical.icp');
  expectScope(l, 'in_house', 'hris == in_house', 'constant.other.enum-member.icp');
  // rubric
  expectScope(l, 'rule', 'rule industry_fit', 'keyword.other.rubric.rule.icp');
  expectScope(l, 'industry_fit', 'rule industry_fit', 'entity.name.function.rule.icp');
  expectScope(l, 'tier', 'tier strong', 'keyword.other.rubric.tier.icp');
  expectScope(l, 'strong', 'tier strong', 'entity.name.tag.tier.icp');
  expectScope(l, 'when', 'tier strong', 'keyword.control.conditional.when.icp');
  expectScope(l, 'score', 'tier strong', 'variable.language.score.icp');
  expectScope(l, 'otherwise', 'otherwise', 'keyword.control.conditional.otherwise.icp');
  // `budget` is also a field name: only the block keyword is a dimension keyword.
  expectScope(l, 'budget', 'budget: money', 'variable.other.field.declaration.icp');
  expectScope(l, 'budget', 'budget >= 50K', 'variable.other.field.icp');
  expectNoScope(l, 'budget', 'rule budget', 'keyword.other.dimension');
  // numbers with units, dates, durations, strings
  expectScope(l, '20M', 'revenue >= 20M', 'constant.numeric.icp');
  expectScope(l, 'M', 'revenue >= 20M', 'keyword.other.unit.suffix.icp');
  expectScope(l, '50K', 'up to 50K', 'constant.numeric.icp');
  expectScope(l, '2000', 'employees in 200..2000', 'constant.numeric.icp');
  expectScope(l, '2026-10-05', 'reviewed', 'constant.numeric.date.icp');
  expectScope(l, '60d', 'within 60d', 'constant.numeric.duration.icp');
  expectScope(l, 'mo', 'decision_in <= 6mo', 'keyword.other.unit.duration.icp');
  expectScope(l, 'Billing Country', '', 'string.quoted.double.icp');
  expectScope(l, '"', 'owner "', 'punctuation.definition.string');
});

test('devtools-weighted.icp: weights, secondary, has all', async () => {
  const l = await tokenize(example('devtools-weighted.icp'));
  expectScope(l, '+3', 'rule team_size', 'constant.numeric.weight.icp');
  expectScope(l, '-4', 'rule churn_risk', 'constant.numeric.weight.icp');
  expectScope(l, 'churned_before', 'rule churn_risk', 'variable.other.icp');
  expectScope(l, 'secondary', 'secondary', 'storage.modifier.secondary.icp');
  expectScope(l, 'all', 'has all', 'keyword.operator.set.quantifier.icp');
  expectScope(l, 'apac', 'region in [apac]', 'constant.other.enum-member.icp');
  expectScope(l, '120d', 'last_funding within 120d', 'constant.numeric.duration.icp');
});

test('edge cases: percents, separators, escapes, suppressions, keywords used as values', async () => {
  const src = [
    '# icp: allow(vague-term) -- quoted from a customer',
    'icp x "Quote \\" tab \\t emoji \\u{1F600} bad \\q" {',
    '  firmographics { margin >= 30%; headcount >= 10_000; delta > -3.5; hris == none; hris not in [none] }',
    '  rubric {',
    '    rule fit_rule +15 : fit graded 0..3',
    '    tier a when score >= 80',
    '  }',
    '  triggers { "Series B" within 8w }',
    '}',
  ].join('\n');
  const l = await tokenize(src);
  expectScope(l, '\\"', '', 'constant.character.escape.icp');
  expectScope(l, '\\t', '', 'constant.character.escape.icp');
  expectScope(l, '\\u{1F600}', '', 'constant.character.escape.icp');
  expectScope(l, '\\q', '', 'invalid.illegal.escape.icp');
  expectScope(l, 'icp', 'allow', 'keyword.other.directive.icp');
  expectScope(l, 'icp', 'Quote', 'storage.type.icp.icp');
  expectScope(l, 'allow', '', 'keyword.other.directive.allow.icp');
  expectScope(l, 'vague-term', '', 'entity.name.tag.diagnostic-code.icp');
  expectScope(l, '30%', '', 'constant.numeric.percent.icp');
  expectScope(l, '%', '', 'keyword.other.unit.percent.icp');
  expectScope(l, '10_000', '', 'constant.numeric.icp');
  expectScope(l, '-3.5', '', 'constant.numeric.icp');
  expectScope(l, 'none', '', 'constant.other.enum-member.icp');
  expectScope(l, 'not', 'hris not in', 'keyword.operator.logical.icp');
  expectScope(l, 'hris', 'hris not in', 'variable.other.field.icp');
  expectScope(l, '+15', '', 'constant.numeric.weight.icp');
  expectScope(l, 'graded', '', 'keyword.operator.graded.icp');
  expectScope(l, 'fit_rule', 'graded', 'entity.name.function.rule.icp');
  expectScope(l, 'fit', 'graded', 'variable.other.field.icp');
  expectScope(l, '0', 'graded', 'constant.numeric.icp');
  expectScope(l, '3', 'graded', 'constant.numeric.icp');
  expectScope(l, 'Series B', '', 'string.quoted.double.icp');
  expectScope(l, '8w', '', 'constant.numeric.duration.icp');
});
