// grammar/keywords.json is the one list of the language's keywords. This test checks the
// tree-sitter grammar (through its generated src/grammar.json, so a stale parser.c is caught
// too) and the TextMate grammar against it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize, findRuns, grammarDir } from './tm.mjs';

const keywords = JSON.parse(readFileSync(join(grammarDir, 'keywords.json'), 'utf8'));
const tsGrammar = JSON.parse(readFileSync(join(grammarDir, 'tree-sitter-icp/src/grammar.json'), 'utf8'));
const tmGrammar = JSON.parse(readFileSync(join(grammarDir, 'icp.tmLanguage.json'), 'utf8'));

// Categories whose entries are parts of literal tokens, not words of their own.
const LITERAL_PARTS = ['number_suffixes', 'duration_units'];
const OPERATORS = ['criterion_operators'];
const wordCategories = Object.keys(keywords).filter((k) => !LITERAL_PARTS.includes(k) && !OPERATORS.includes(k));
const allWords = new Set(wordCategories.flatMap((k) => keywords[k]));

const sorted = (xs) => [...new Set(xs)].sort();

/** The STRING terminals under a grammar.json rule, not following references to other rules. */
function strings(node, out = []) {
  if (node === null || typeof node !== 'object') return out;
  if (node.type === 'STRING') out.push(node.value);
  if (node.type === 'PATTERN' || node.type === 'SYMBOL') return out;
  for (const v of Object.values(node)) {
    if (Array.isArray(v)) v.forEach((x) => strings(x, out));
    else if (typeof v === 'object') strings(v, out);
  }
  return out;
}

function patterns(node, out = []) {
  if (node === null || typeof node !== 'object') return out;
  if (node.type === 'PATTERN') out.push(node.value);
  for (const v of Object.values(node)) {
    if (Array.isArray(v)) v.forEach((x) => patterns(x, out));
    else if (typeof v === 'object') patterns(v, out);
  }
  return out;
}

function ruleStrings(name) {
  const rule = tsGrammar.rules[name];
  assert.ok(rule, `tree-sitter grammar has no rule ${name}`);
  return sorted(strings(rule));
}

test('keywords.json is an object of non-empty string arrays without duplicates', () => {
  assert.equal(typeof keywords, 'object');
  const seen = new Map();
  for (const [k, v] of Object.entries(keywords)) {
    assert.match(k, /^[a-z_]+$/, `category name ${k}`);
    assert.ok(Array.isArray(v) && v.length > 0, `${k} is a non-empty array`);
    for (const w of v) {
      assert.equal(typeof w, 'string', `${k}: ${w}`);
      assert.ok(!seen.has(w), `${w} is in both ${seen.get(w)} and ${k}`);
      seen.set(w, k);
    }
  }
  for (const k of wordCategories) {
    for (const w of keywords[k]) assert.match(w, /^[a-z_]+$/, `${k}: ${w} is a word`);
  }
});

test('tree-sitter: every word terminal of the grammar is a keyword, and every keyword is used', () => {
  const grammarWords = sorted(strings({ rules: tsGrammar.rules }).filter((s) => /^[a-z_]+$/.test(s)));
  assert.deepEqual(grammarWords, sorted(allWords));
});

test('tree-sitter: operators', () => {
  assert.deepEqual(ruleStrings('comparison_operator'), sorted(keywords.criterion_operators));
});

test('tree-sitter: each enumerated category is exactly one grammar rule', () => {
  assert.deepEqual(ruleStrings('channel_kind'), sorted(keywords.channel_kinds));
  assert.deepEqual(ruleStrings('job_kind_value'), sorted(keywords.job_kinds));
  assert.deepEqual(ruleStrings('cadence'), sorted(keywords.refresh_cadences));
  assert.deepEqual(ruleStrings('persona_key'), sorted(keywords.persona_keywords));
  assert.deepEqual(ruleStrings('pain_key'), sorted(keywords.pain_keywords));
  assert.deepEqual(
    sorted([...ruleStrings('primitive_type'), ...ruleStrings('enum_type'), ...ruleStrings('set_type')]),
    sorted(keywords.field_types),
  );
  const quantifiers = ruleStrings('set_quantifier');
  for (const q of quantifiers) assert.ok(keywords.criterion_keywords.includes(q), q);
});

test('tree-sitter: each category appears where the language puts it', () => {
  const where = {
    item_keywords: ['schema', 'icp', 'test'],
    test_keywords: ['account_block', 'accounts_statement', 'expect_statement'],
    expectation_keywords: ['at_least', 'rule_outcome', 'disqualified_expectation'],
    header_keywords: ['uses_statement', 'owner_statement', 'reviewed_statement', 'refresh_statement'],
    dimension_keywords: Object.keys(tsGrammar.rules).filter((r) => r.endsWith('_block')),
    job_keywords: ['job_kind', 'job_success'],
    budget_keywords: ['recommends_statement', 'approves_statement'],
    reach_keywords: ['channel_statement'],
    disqualify_keywords: ['disqualifier'],
    segment_keywords: ['secondary_statement'],
    schema_keywords: ['from_clause'],
    rubric_keywords: ['rule', 'tier', 'score_condition', 'fit_requirement', 'graded'],
  };
  for (const [category, rules] of Object.entries(where)) {
    const found = sorted(rules.flatMap(ruleStrings).filter((s) => /^[a-z_]+$/.test(s)));
    for (const w of keywords[category]) assert.ok(found.includes(w), `${category}: ${w} not in rules ${rules}`);
  }
});

test('tree-sitter: literal suffixes and units are those of the number and duration tokens', () => {
  const number = patterns(tsGrammar.rules.number).join('');
  const duration = patterns(tsGrammar.rules.duration).join('');
  assert.ok(number.endsWith(`[${keywords.number_suffixes.join('')}]?`), number);
  assert.ok(duration.endsWith(`(${keywords.duration_units.join('|')})`), duration);
});

/** Words in the TextMate grammar's regexes (keywords in alternations and literals). */
function tmWords() {
  const out = [];
  const skip = new Set(['comment', 'string']); // directive words and escapes, not keywords
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const key of ['match', 'begin', 'end']) {
      if (typeof node[key] !== 'string') continue;
      const scrubbed = node[key]
        .replace(/\\./g, ' ') // escapes: \b \s \{ ...
        .replace(/\[[^\]]*\]/g, ' ') // character classes
        .replace(/\(\?(?:<?[=!]|:)/g, '('); // group prefixes
      out.push(...(scrubbed.match(/[A-Za-z_]+/g) ?? []));
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'captures' || k === 'beginCaptures' || k === 'endCaptures') continue;
      if (typeof v === 'object') visit(v);
    }
  };
  for (const [name, rule] of Object.entries(tmGrammar.repository)) if (!skip.has(name)) visit(rule);
  return sorted(out);
}

test('TextMate: the words in the grammar are exactly the keywords (and duration units)', () => {
  assert.deepEqual(tmWords(), sorted([...allWords, ...keywords.duration_units]));
});

// How each category is shown in context, and the scope its keywords must get there.
const CONTEXT = {
  item_keywords: { scope: 'storage.type.', line: (k) => `${k} x {}` },
  schema_keywords: { scope: 'keyword.other.from.', line: (k) => `  a: int ${k} "A"` },
  field_types: {
    scope: (k) => (['enum', 'set'].includes(k) ? `storage.type.${k}.` : 'support.type.primitive.'),
    line: (k) => (['enum', 'set'].includes(k) ? `  a: ${k} [x, y]` : `  a: ${k}`),
  },
  header_keywords: {
    scope: 'keyword.other.header.',
    line: (k) => ({ uses: 'uses crm', owner: 'owner "me"', reviewed: 'reviewed 2026-01-01', refresh: 'refresh 8w' })[k],
  },
  refresh_cadences: { scope: 'constant.language.cadence.', line: (k) => `refresh ${k}` },
  dimension_keywords: {
    scope: 'keyword.other.dimension.',
    line: (k) => (['persona', 'segment'].includes(k) ? `${k} p "t" {` : ['job', 'pain'].includes(k) ? `${k} "s" {` : `${k} {`),
  },
  persona_keywords: { scope: 'keyword.other.attribute.', line: (k) => `${k} "x"` },
  job_keywords: { scope: 'keyword.other.attribute.', line: (k) => (k === 'kind' ? 'kind social' : `${k} "x"`) },
  job_kinds: { scope: 'constant.language.job-kind.', line: (k) => `kind ${k}` },
  pain_keywords: { scope: 'keyword.other.attribute.', line: (k) => `${k} "x"` },
  budget_keywords: {
    scope: (k) => (['up', 'to'].includes(k) ? 'keyword.other.budget.' : 'keyword.other.attribute.'),
    line: (k) => (['up', 'to'].includes(k) ? 'approves "CFO" up to 5K' : `${k} "x"`),
  },
  reach_keywords: { scope: 'keyword.other.attribute.', line: (k) => `${k} event "x"` },
  channel_kinds: { scope: 'constant.language.channel-kind.', line: (k) => `channel ${k} "x"` },
  disqualify_keywords: { scope: 'keyword.other.because.', line: (k) => `a < 1 ${k} "x"` },
  segment_keywords: { scope: 'storage.modifier.', line: (k) => `  ${k}` },
  rubric_keywords: {
    scope: (k) => ({ rule: 'keyword.other.rubric.', tier: 'keyword.other.rubric.', when: 'keyword.control.conditional.',
      otherwise: 'keyword.control.conditional.', score: 'variable.language.score.', graded: 'keyword.operator.graded.',
      fit: 'variable.language.fit.' })[k],
    line: (k) => ({ rule: 'rule r +2 : a', tier: 'tier t when score >= 1', when: 'tier t when score >= 1',
      score: 'tier t when score >= 1', otherwise: 'tier t otherwise', graded: 'rule r : a graded 0..3',
      fit: 'tier t when score >= 1 and fit' })[k],
  },
  criterion_keywords: {
    scope: 'keyword.operator.',
    line: (k) => ({ and: 'a and b', or: 'a or b', not: 'not a', in: 'a in [x]', has: 'a has any [x]',
      any: 'a has any [x]', all: 'a has all [x]', none: 'a has none [x]', within: 'a within 6d' })[k],
  },
  criterion_operators: { scope: 'keyword.operator.comparison.', line: (k) => `a ${k} 1` },
  test_keywords: {
    scope: 'keyword.other.test.',
    line: (k) => ({ account: 'account { a 1 }', accounts: 'accounts "known.csv"', expect: 'expect tier strong' })[k],
  },
  expectation_keywords: {
    scope: (k) => (['holds', 'fails', 'unknown'].includes(k) ? 'constant.language.outcome.' : 'keyword.other.expectation.'),
    line: (k) => (['at', 'least'].includes(k) ? 'expect tier at least strong'
      : ['holds', 'fails', 'unknown'].includes(k) ? `expect rule r ${k}` : 'expect disqualified by "x"'),
  },
  number_suffixes: { scope: 'keyword.other.unit.suffix.', line: (k) => `a > 2${k}` },
  duration_units: { scope: 'keyword.other.unit.duration.', line: (k) => `a within 2${k}` },
};

test('TextMate: every category of keywords.json has a known context', () => {
  assert.deepEqual(sorted(Object.keys(keywords)), sorted(Object.keys(CONTEXT)));
});

for (const [category, words] of Object.entries(keywords)) {
  test(`TextMate: ${category} get their scope in context`, async () => {
    const ctx = CONTEXT[category];
    assert.ok(ctx, `no context for ${category}`);
    for (const k of words) {
      const line = ctx.line(k);
      assert.ok(line, `${category}: no example line for ${k}`);
      const scope = typeof ctx.scope === 'function' ? ctx.scope(k) : ctx.scope;
      const lines = await tokenize(line);
      const runs = findRuns(lines, k);
      assert.ok(runs.length > 0, `${category}: ${k} not a token in ${JSON.stringify(line)}`);
      const ok = runs.some((run) => run.every((t) => t.scopes.some((s) => s.startsWith(scope))));
      assert.ok(ok, `${category}: ${k} in ${JSON.stringify(line)} should have ${scope}: ${runs.map((r) => r.map((t) => t.scopes.join(' ')).join(' | ')).join(' ; ')}`);
    }
  });
}
