; Indentation (nvim-treesitter conventions): the contents of every { } body, [ ] list and
; ( ) group are indented one level; a line starting with the closing bracket is not.
[
  (schema_body)
  (icp_body)
  (criteria_body)
  (persona_body)
  (job_body)
  (pain_body)
  (prose_body)
  (budget_body)
  (reach_body)
  (disqualify_body)
  (rubric_body)
  (segment_body)
  (list)
  (parenthesized_expression)
] @indent.begin

[
  "}"
  "]"
  ")"
] @indent.branch @indent.end

(comment) @indent.auto
