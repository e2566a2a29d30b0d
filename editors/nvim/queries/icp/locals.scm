; Scopes, definitions and references. Fields are declared in a schema and referenced by the
; criteria of any icp in the file, so the file is the scope of field names.
(source_file) @local.scope
(icp) @local.scope

(schema name: (identifier) @local.definition.type)
(field_declaration name: (identifier) @local.definition.field)
(icp name: (identifier) @local.definition.namespace)
(persona_block name: (identifier) @local.definition)
(segment_block name: (identifier) @local.definition)
(rule name: (identifier) @local.definition)
(tier name: (identifier) @local.definition)

(uses_statement schema: (identifier) @local.reference)
(comparison field: (identifier) @local.reference)
(range_test field: (identifier) @local.reference)
(membership_test field: (identifier) @local.reference)
(set_test field: (identifier) @local.reference)
(recency_test subject: (identifier) @local.reference)
(field_test field: (identifier) @local.reference)
(graded field: (identifier) @local.reference)
