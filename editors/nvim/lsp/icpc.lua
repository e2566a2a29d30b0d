-- The icpc language server for Neovim 0.11's vim.lsp.config / vim.lsp.enable:
--
--   vim.g.icp_lsp_autostart = false   -- the plugin then leaves starting the server to you
--   vim.lsp.enable('icpc')
--   vim.lsp.config('icpc', { cmd = { '/path/to/icpc', 'lsp' } })   -- optional override
return {
  cmd = { 'icpc', 'lsp' },
  filetypes = { 'icp' },
  root_markers = { 'icp.toml', '.git' },
  -- The results of the file's tests as code lenses, refreshed on edits.
  on_attach = function(client, buf)
    require('icp.lsp').on_attach(client, buf)
  end,
}
