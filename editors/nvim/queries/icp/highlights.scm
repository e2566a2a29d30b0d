; Highlights for .icp files. Capture names follow the nvim-treesitter conventions, which
; tree-sitter's CLI and other editors also understand. Patterns do not overlap, so the
; result is the same whether the first match (tree-sitter CLI) or the last (Neovim) wins.

; Comments; `# icp: allow(code) -- reason` suppressions stand out.
((comment) @comment
  (#not-match? @comment "^#[ \t]*icp:"))
((comment) @keyword.directive
  (#match? @keyword.directive "^#[ \t]*icp:"))

; Items
[
  "schema"
  "icp"
  "test"
] @keyword

(schema name: (identifier) @type.definition)
(icp name: (identifier) @module)
(uses_statement schema: (identifier) @type)

; Schema
(field_declaration name: (identifier) @variable.member)
(primitive_type) @type.builtin
[
  "enum"
  "set"
] @keyword.type
"from" @keyword

; Header statements
"uses" @keyword.import
[
  "owner"
  "reviewed"
  "refresh"
] @keyword
(cadence) @constant.builtin

; Dimension blocks
[
  "firmographics"
  "tech_stack"
  "behaviors"
  "persona"
  "job"
  "pain"
  "alternatives"
  "triggers"
  "budget"
  "reach"
  "disqualify"
  "rubric"
  "segment"
  "messaging"
] @keyword

(persona_block name: (identifier) @label)
(segment_block name: (identifier) @label)
(persona_key) @property
(pain_key) @property
[
  "kind"
  "success"
  "recommends"
  "approves"
  "up"
  "to"
  "channel"
  "because"
] @keyword
(secondary_statement) @keyword.modifier
(job_kind_value) @constant.builtin
(channel_kind) @constant.builtin

; Rubric
[
  "rule"
  "tier"
] @keyword.function
(rule name: (identifier) @function)
(tier name: (identifier) @constant)
[
  "when"
  "otherwise"
] @keyword.conditional
(fit_requirement "and" @keyword.operator)
(fit_requirement "fit" @variable.builtin)
"score" @variable.builtin
"graded" @keyword.operator
(graded field: (identifier) @variable.member)
(weight) @number

; Tests
(test name: (identifier) @function)
(test_icp_statement icp: (identifier) @module)
[
  "account"
  "accounts"
  "expect"
  "at"
  "least"
  "disqualified"
  "by"
] @keyword
(account_field field: (identifier) @variable.member)
(account_field value: (identifier) @constant)
(tier_expectation tier: (identifier) @constant)
(rule_expectation rule: (identifier) @function)
(rule_outcome) @constant.builtin
(segment_expectation segment: (identifier) @label)

; Criteria
[
  "and"
  "or"
  "not"
  "in"
  "has"
  "within"
] @keyword.operator
(set_quantifier) @keyword.operator
(comparison_operator) @operator
".." @operator

(comparison field: (identifier) @variable.member)
(comparison value: (identifier) @constant)
(range_test field: (identifier) @variable.member)
(membership_test field: (identifier) @variable.member)
(set_test field: (identifier) @variable.member)
(recency_test subject: (identifier) @variable.member)
(field_test field: (identifier) @variable.member)
(list (identifier) @constant)

; Literals
(string) @string
(escape_sequence) @string.escape
(number) @number
(percent) @number
(duration) @number
(date) @number

; Punctuation
[
  "{"
  "}"
  "["
  "]"
  "("
  ")"
] @punctuation.bracket
[
  ","
  ":"
  ";"
] @punctuation.delimiter
