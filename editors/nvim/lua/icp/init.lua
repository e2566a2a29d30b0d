-- icp.nvim: .icp files (Ideal Customer Profiles) in Neovim 0.10+.
--
--   require('icp').setup({
--     server = { path = 'icpc', args = {}, root_markers = { 'icp.toml', '.git' } },
--     lsp = { autostart = true },           -- start `icpc lsp` for every icp buffer
--     treesitter = { highlight = true, folds = true },
--   })
--
-- setup() is optional: without it the defaults above apply.
local M = {}

local defaults = {
  server = {
    -- The icpc binary: a name looked up on PATH, or a path (`~` is expanded).
    path = 'icpc',
    -- Extra arguments after `icpc lsp`.
    args = {},
    root_markers = { 'icp.toml', '.git' },
    settings = {},
  },
  lsp = {
    -- Set to false when the server is started another way, e.g. vim.lsp.enable('icpc').
    autostart = true,
  },
  treesitter = {
    highlight = true,
    folds = true,
  },
}

M.config = vim.deepcopy(defaults)

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  if vim.g.icp_lsp_autostart == false then
    M.config.lsp.autostart = false
  end
  -- Buffers opened before setup() get the server now.
  if M.config.lsp.autostart then
    for _, buf in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == 'icp' then
        require('icp.lsp').start(buf)
      end
    end
  end
end

--- Called for every buffer whose filetype becomes icp (plugin/icp.lua).
function M.on_filetype(buf)
  if M.config.lsp.autostart and vim.g.icp_lsp_autostart ~= false then
    require('icp.lsp').start(buf)
  end
end

return M
