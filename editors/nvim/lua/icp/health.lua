-- :checkhealth icp
local M = {}

local function run(cmd)
  local ok, obj = pcall(vim.system, cmd, { text = true })
  if not ok then
    return nil, tostring(obj)
  end
  local r = obj:wait(5000)
  return r
end

function M.check()
  local health = vim.health

  health.start('icp: Neovim')
  local v = vim.version()
  local version = string.format('%d.%d.%d', v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.10') == 1 then
    health.ok('Neovim ' .. version)
  else
    health.error('Neovim ' .. version .. ': icp.nvim needs 0.10 or newer')
  end
  if vim.filetype.match({ filename = 'profile.icp' }) == 'icp' then
    health.ok('*.icp files get the filetype icp')
  else
    health.error('*.icp files are not detected: is editors/nvim on the runtimepath?')
  end

  health.start('icp: language server (icpc lsp)')
  local config = require('icp').config
  local path, reason = require('icp.lsp').server_path(config)
  if not path then
    health.error(reason, {
      'Install icpc: cargo install --path crates/icpc (from the icpc repository)',
      "Or point to it: require('icp').setup({ server = { path = '/path/to/icpc' } })",
    })
  else
    health.ok('icpc: ' .. path)
    local r = run({ path, '--version' })
    if r and r.code == 0 and vim.trim(r.stdout or '') ~= '' then
      health.info(vim.trim(r.stdout))
    end
    local help = run({ path, 'lsp', '--help' })
    if help and help.code == 0 then
      health.ok('`icpc lsp` is available')
    else
      health.error('`' .. path .. ' lsp --help` failed: this icpc has no language server')
    end
  end
  if config.lsp.autostart and vim.g.icp_lsp_autostart ~= false then
    health.info('the server starts for every icp buffer (lsp.autostart)')
  else
    health.info("lsp.autostart is off: start the server with vim.lsp.enable('icpc')")
  end
  local clients = vim.lsp.get_clients({ name = 'icpc' })
  health.info(#clients .. ' icpc client(s) running')

  health.start('icp: tree-sitter')
  local ts = require('icp.treesitter')
  if ts.has_parser() then
    health.ok('parser: ' .. (ts.parser_file() or 'loaded'))
    for _, name in ipairs({ 'highlights', 'folds', 'indents', 'locals' }) do
      local ok, query = pcall(vim.treesitter.query.get, 'icp', name)
      if ok and query then
        health.ok('query ' .. name .. '.scm')
      else
        health.error('query ' .. name .. '.scm: ' .. tostring(query))
      end
    end
  else
    health.warn('no icp parser: no tree-sitter highlighting or folds', {
      'Build it: :IcpBuildParser (needs a C compiler; source: ' .. ts.grammar_dir() .. ')',
      'Or with nvim-treesitter: :TSInstall icp',
    })
  end
end

return M
