-- icp.nvim: commands and the autocommand that starts the language server.
if vim.g.loaded_icp then
  return
end
vim.g.loaded_icp = 1

if vim.fn.has('nvim-0.10') == 0 then
  vim.notify('icp.nvim needs Neovim 0.10 or newer', vim.log.levels.WARN)
  return
end

vim.api.nvim_create_user_command('IcpRestart', function()
  require('icp.lsp').restart()
end, { desc = 'Restart the icpc language server' })

vim.api.nvim_create_user_command('IcpCompareHead', function()
  require('icp.lsp').compare_with_head()
end, { desc = 'Show what the buffer changes in meaning since git HEAD (icpc diff)' })

vim.api.nvim_create_user_command('IcpBuildParser', function()
  require('icp.treesitter').build_command()
end, { desc = 'Compile the icp tree-sitter parser into stdpath("data")/site/parser' })

vim.api.nvim_create_autocmd('FileType', {
  group = vim.api.nvim_create_augroup('icp', { clear = true }),
  pattern = 'icp',
  callback = function(ev)
    require('icp').on_filetype(ev.buf)
  end,
})

require('icp.treesitter').register()
