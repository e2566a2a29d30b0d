/**
 * @file Tree-sitter grammar for `.icp` files (Ideal Customer Profiles as code).
 * @license MIT
 *
 * The language reference is docs/language.md in the icpc repository. The keyword lists used
 * here are checked against grammar/keywords.json by grammar/test/keywords.test.mjs: when a
 * keyword is added or renamed, change both.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const PREC = {
  or: 1,
  and: 2,
  not: 3,
};

/** `a, b, c` with an optional trailing comma. */
function commaSep(rule) {
  return optional(seq(rule, repeat(seq(',', rule)), optional(',')));
}

/** A `{ ... }` body whose statements need no separator; `;` may stand between them. */
function body(rule) {
  return seq('{', repeat(choice(rule, ';')), '}');
}

module.exports = grammar({
  name: 'icp',

  extras: $ => [/\s/, $.comment],

  word: $ => $.identifier,

  // `a` then `not ...`: either `a not in [..]` or the bool criterion `a` followed by a new
  // criterion `not ...` on the next line (statements need no separator). GLR decides.
  conflicts: $ => [[$.field_test, $.membership_test]],

  rules: {
    source_file: $ => repeat(choice($.schema, $.icp, $.test, ';')),

    // ---------------------------------------------------------------- schema

    schema: $ => seq(
      'schema',
      field('name', $.identifier),
      optional(field('doc', $.string)),
      field('body', $.schema_body),
    ),

    schema_body: $ => body($.field_declaration),

    field_declaration: $ => seq(
      field('name', $.identifier),
      ':',
      field('type', $._field_type),
      optional($.from_clause),
    ),

    from_clause: $ => seq('from', field('source', $.string)),

    _field_type: $ => choice($.primitive_type, $.enum_type, $.set_type),

    primitive_type: _ => choice(
      'int', 'number', 'money', 'percent', 'text', 'bool', 'date', 'duration',
    ),

    enum_type: $ => seq('enum', field('values', $.list)),

    set_type: $ => seq('set', field('values', $.list)),

    // ---------------------------------------------------------------- icp

    icp: $ => seq(
      'icp',
      field('name', $.identifier),
      optional(field('title', $.string)),
      field('body', $.icp_body),
    ),

    icp_body: $ => body($._icp_statement),

    _icp_statement: $ => choice(
      $.uses_statement,
      $.owner_statement,
      $.reviewed_statement,
      $.refresh_statement,
      $.firmographics_block,
      $.tech_stack_block,
      $.behaviors_block,
      $.persona_block,
      $.job_block,
      $.pain_block,
      $.alternatives_block,
      $.triggers_block,
      $.budget_block,
      $.reach_block,
      $.disqualify_block,
      $.rubric_block,
      $.segment_block,
      $.messaging_block,
    ),

    // header statements

    uses_statement: $ => seq('uses', field('schema', $.identifier)),

    owner_statement: $ => seq('owner', field('owner', $.string)),

    reviewed_statement: $ => seq('reviewed', field('date', $.date)),

    refresh_statement: $ => seq('refresh', field('cadence', choice($.cadence, $.duration))),

    cadence: _ => choice('quarterly', 'monthly', 'yearly'),

    // dimension blocks with criteria

    firmographics_block: $ => seq('firmographics', field('body', $.criteria_body)),

    tech_stack_block: $ => seq('tech_stack', field('body', $.criteria_body)),

    behaviors_block: $ => seq('behaviors', field('body', $.criteria_body)),

    triggers_block: $ => seq('triggers', field('body', $.criteria_body)),

    criteria_body: $ => body($.criterion),

    criterion: $ => $._expression,

    // persona

    persona_block: $ => seq(
      'persona',
      field('name', $.identifier),
      optional(field('title', $.string)),
      field('body', $.persona_body),
    ),

    persona_body: $ => body($.persona_attribute),

    persona_attribute: $ => seq(
      field('key', $.persona_key),
      field('value', $.string),
    ),

    persona_key: _ => choice('role', 'tenure', 'motivation', 'objection'),

    // job

    job_block: $ => seq(
      'job',
      field('statement', $.string),
      field('body', $.job_body),
    ),

    job_body: $ => body(choice($.job_kind, $.job_success)),

    job_kind: $ => seq('kind', field('kind', $.job_kind_value)),

    job_kind_value: _ => choice('functional', 'emotional', 'social'),

    job_success: $ => seq('success', field('measure', $.string)),

    // pain

    pain_block: $ => seq(
      'pain',
      field('statement', $.string),
      field('body', $.pain_body),
    ),

    pain_body: $ => body($.pain_attribute),

    pain_attribute: $ => seq(
      field('key', $.pain_key),
      field('value', $.string),
    ),

    pain_key: _ => choice('before', 'after', 'cost'),

    // prose-only blocks

    alternatives_block: $ => seq('alternatives', field('body', $.prose_body)),

    messaging_block: $ => seq('messaging', field('body', $.prose_body)),

    prose_body: $ => body($.string),

    // budget

    budget_block: $ => seq('budget', field('body', $.budget_body)),

    budget_body: $ => body(choice($.recommends_statement, $.approves_statement)),

    recommends_statement: $ => seq('recommends', field('role', $.string)),

    approves_statement: $ => seq(
      'approves',
      field('role', $.string),
      optional(seq('up', 'to', field('limit', $.number))),
    ),

    // reach

    reach_block: $ => seq('reach', field('body', $.reach_body)),

    reach_body: $ => body($.channel_statement),

    channel_statement: $ => seq(
      'channel',
      field('kind', $.channel_kind),
      field('name', $.string),
    ),

    channel_kind: _ => choice(
      'event', 'podcast', 'community', 'newsletter', 'content', 'paid', 'outbound', 'partner',
    ),

    // disqualify

    disqualify_block: $ => seq('disqualify', field('body', $.disqualify_body)),

    disqualify_body: $ => body($.disqualifier),

    disqualifier: $ => seq(
      field('criterion', $.criterion),
      optional(seq('because', field('reason', $.string))),
    ),

    // rubric

    rubric_block: $ => seq('rubric', field('body', $.rubric_body)),

    rubric_body: $ => body(choice($.rule, $.tier)),

    rule: $ => seq(
      'rule',
      field('name', $.identifier),
      optional(field('weight', $.weight)),
      optional(field('label', $.string)),
      ':',
      field('condition', choice($.graded, $.criterion)),
    ),

    weight: _ => token(/[+-][0-9][0-9_]*(\.[0-9][0-9_]*)?/),

    graded: $ => seq(
      field('field', $.identifier),
      'graded',
      field('range', $.range),
    ),

    tier: $ => seq(
      'tier',
      field('name', $.identifier),
      choice(
        seq('when', field('condition', $.score_condition)),
        'otherwise',
      ),
    ),

    score_condition: $ => seq(
      'score',
      field('operator', $.comparison_operator),
      field('value', $.number),
      optional(field('fit', $.fit_requirement)),
    ),

    // `and fit`: the tier also needs every firmographics and tech_stack criterion to hold.
    fit_requirement: $ => seq('and', 'fit'),

    // segment

    segment_block: $ => seq(
      'segment',
      field('name', $.identifier),
      optional(field('title', $.string)),
      field('body', $.segment_body),
    ),

    segment_body: $ => body(choice($.secondary_statement, $.criterion)),

    secondary_statement: _ => 'secondary',

    // ---------------------------------------------------------------- test

    test: $ => seq(
      'test',
      field('name', $.identifier),
      optional(field('title', $.string)),
      field('body', $.test_body),
    ),

    test_body: $ => body(choice(
      $.test_icp_statement,
      $.account_block,
      $.accounts_statement,
      $.expect_statement,
    )),

    test_icp_statement: $ => seq('icp', field('icp', $.identifier)),

    account_block: $ => seq('account', field('body', $.account_body)),

    account_body: $ => body($.account_field),

    account_field: $ => seq(
      field('field', $.identifier),
      field('value', choice($._value, $.list)),
    ),

    accounts_statement: $ => seq('accounts', field('file', $.string)),

    expect_statement: $ => seq('expect', field('expectation', choice(
      $.tier_expectation,
      $.score_expectation,
      $.rule_expectation,
      $.disqualified_expectation,
      $.segment_expectation,
    ))),

    tier_expectation: $ => seq(
      'tier',
      optional(field('at_least', $.at_least)),
      field('tier', $.identifier),
    ),

    at_least: _ => seq('at', 'least'),

    score_expectation: $ => seq(
      'score',
      choice(
        field('value', $._bound),
        seq('in', field('range', $.range)),
      ),
    ),

    rule_expectation: $ => seq(
      'rule',
      field('rule', $.identifier),
      field('outcome', $.rule_outcome),
    ),

    rule_outcome: _ => choice('holds', 'fails', 'unknown'),

    disqualified_expectation: $ => choice(
      seq('not', 'disqualified'),
      seq('disqualified', optional(seq('by', field('reason', $.string)))),
    ),

    segment_expectation: $ => seq(
      optional('not'),
      'segment',
      field('segment', $.identifier),
    ),

    // ---------------------------------------------------------------- criteria

    _expression: $ => choice(
      $.or_expression,
      $.and_expression,
      $.not_expression,
      $.parenthesized_expression,
      $.comparison,
      $.range_test,
      $.membership_test,
      $.set_test,
      $.recency_test,
      $.field_test,
      $.prose,
    ),

    or_expression: $ => prec.left(PREC.or, seq(
      field('left', $._expression), 'or', field('right', $._expression),
    )),

    and_expression: $ => prec.left(PREC.and, seq(
      field('left', $._expression), 'and', field('right', $._expression),
    )),

    not_expression: $ => prec(PREC.not, seq('not', field('operand', $._expression))),

    parenthesized_expression: $ => seq('(', $._expression, ')'),

    comparison: $ => seq(
      field('field', $.identifier),
      field('operator', $.comparison_operator),
      field('value', $._value),
    ),

    comparison_operator: _ => choice('==', '!=', '<', '<=', '>', '>='),

    range_test: $ => seq(
      field('field', $.identifier),
      'in',
      field('range', $.range),
    ),

    membership_test: $ => seq(
      field('field', $.identifier),
      choice('in', seq('not', 'in')),
      field('values', $.list),
    ),

    set_test: $ => seq(
      field('field', $.identifier),
      'has',
      field('quantifier', $.set_quantifier),
      field('values', $.list),
    ),

    set_quantifier: _ => choice('any', 'all', 'none'),

    recency_test: $ => seq(
      field('subject', choice($.identifier, $.string)),
      'within',
      field('window', $.duration),
    ),

    field_test: $ => field('field', $.identifier),

    prose: $ => $.string,

    // ---------------------------------------------------------------- literals

    _value: $ => choice(
      $.identifier, $.string, $.number, $.percent, $.duration, $.date,
    ),

    _bound: $ => choice($.number, $.percent, $.duration, $.date),

    range: $ => seq(field('low', $._bound), '..', field('high', $._bound)),

    list: $ => seq('[', commaSep($._value), ']'),

    identifier: _ => /[a-z_][a-z0-9_]*/,

    number: _ => token(/-?[0-9][0-9_]*(\.[0-9][0-9_]*)?[KMB]?/),

    percent: _ => token(/-?[0-9][0-9_]*(\.[0-9][0-9_]*)?%/),

    duration: _ => token(/[0-9][0-9_]*(d|w|mo|y)/),

    date: _ => token(/[0-9]{4}-[0-9]{2}-[0-9]{2}/),

    string: $ => seq(
      '"',
      repeat(choice(
        $.string_content,
        $.escape_sequence,
      )),
      token.immediate('"'),
    ),

    string_content: _ => token.immediate(prec(1, /[^"\\\n]+/)),

    escape_sequence: _ => token.immediate(choice(
      /\\["\\nt]/,
      /\\u\{[0-9a-fA-F]{1,6}\}/,
    )),

    comment: _ => token(seq('#', /.*/)),
  },
});
