-- The icpc language server for Neovim 0.11's vim.lsp.config / vim.lsp.enable:
--
--   vim.g.icp_lsp_autostart = false   -- the plugin then leaves starting the server to you
--   vim.lsp.enable('icpc')
--   vim.lsp.config('icpc', { cmd = { '/path/to/icpc', 'lsp' } })   -- optional override
return {
  cmd = { 'icpc', 'lsp' },
  filetypes = { 'icp' },
  root_markers = { 'icp.toml', '.git' },
}
