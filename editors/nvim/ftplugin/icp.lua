-- Buffer settings for .icp files.
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

vim.bo.commentstring = '# %s'
vim.bo.comments = ':#'
vim.bo.expandtab = true
vim.bo.shiftwidth = 2
vim.bo.softtabstop = 2
-- Keep comment formatting: continue `#` comments, but not on `o`/`O` after code.
vim.bo.formatoptions = vim.bo.formatoptions:gsub('[ot]', '') .. 'cqj'

vim.b.undo_ftplugin = table.concat({
  'setlocal commentstring< comments< expandtab< shiftwidth< softtabstop< formatoptions<',
  'unlet! b:did_ftplugin',
}, ' | ')

-- Tree-sitter highlighting and folds, when the icp parser is installed
-- (:IcpBuildParser, or nvim-treesitter). Set vim.g.icp_treesitter = false to opt out.
require('icp.treesitter').attach(0)
