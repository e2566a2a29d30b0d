-- Indentation for .icp files: one level inside { }, [ ] and ( ); a line that starts with a
-- closing bracket goes back one level.
if vim.b.did_indent then
  return
end
vim.b.did_indent = 1

vim.bo.indentexpr = "v:lua.require'icp.indent'.indentexpr()"
vim.bo.indentkeys = '0{,0},0],0),!^F,o,O'
vim.b.undo_indent = 'setlocal indentexpr< indentkeys< | unlet! b:did_indent'
