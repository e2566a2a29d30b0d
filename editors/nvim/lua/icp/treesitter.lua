-- The tree-sitter parser for .icp files: registration, building it from the grammar in this
-- repository (grammar/tree-sitter-icp), and starting highlighting and folds.
local M = {}

local function plugin_root()
  local source = debug.getinfo(1, 'S').source:sub(2)
  return vim.fn.fnamemodify(source, ':p:h:h:h')
end

--- The grammar's directory (with src/parser.c): vim.g.icp_grammar_dir, or
--- grammar/tree-sitter-icp in the repository this plugin is part of.
function M.grammar_dir()
  local dir = vim.g.icp_grammar_dir or (plugin_root() .. '/../../grammar/tree-sitter-icp')
  return vim.fs.normalize(vim.fn.fnamemodify(dir, ':p')):gsub('/$', '')
end

--- Whether Neovim can load the icp parser (a parser/icp.so on 'runtimepath').
function M.has_parser()
  local ok, res = pcall(vim.treesitter.language.add, 'icp')
  if not ok then
    return false
  end
  if vim.fn.has('nvim-0.11') == 1 then
    return res == true
  end
  return true
end

--- The parser file Neovim would load, if any.
function M.parser_file()
  return vim.api.nvim_get_runtime_file('parser/icp.so', false)[1]
end

--- Compiles grammar/tree-sitter-icp/src/parser.c into `<dir>/icp.so`.
--- opts.dir defaults to stdpath('data')/site/parser, which is on 'runtimepath'.
--- Returns the path of the parser, or nil and an error message.
function M.build(opts)
  opts = opts or {}
  local src = M.grammar_dir() .. '/src'
  if vim.fn.filereadable(src .. '/parser.c') == 0 then
    return nil, 'no parser source at ' .. src .. '/parser.c (set vim.g.icp_grammar_dir)'
  end
  local cc = vim.env.CC
  if not cc or cc == '' then
    for _, candidate in ipairs({ 'cc', 'gcc', 'clang', 'zig' }) do
      if vim.fn.executable(candidate) == 1 then
        cc = candidate
        break
      end
    end
  end
  if not cc then
    return nil, 'no C compiler found (cc, gcc, clang or zig; or set $CC)'
  end
  local dir = opts.dir or (vim.fn.stdpath('data') .. '/site/parser')
  vim.fn.mkdir(dir, 'p')
  local out = dir .. '/icp.so'
  local cmd = { cc, '-o', out, '-shared', '-fPIC', '-Os', '-std=c11', '-I', src, src .. '/parser.c' }
  if cc == 'zig' then
    table.insert(cmd, 2, 'cc')
  end
  local result = vim.system(cmd, { text = true }):wait()
  if result.code ~= 0 then
    return nil, table.concat(cmd, ' ') .. ' failed:\n' .. (result.stderr or '')
  end
  return out
end

--- :IcpBuildParser
function M.build_command()
  local out, err = M.build()
  if not out then
    vim.notify('icp: ' .. err, vim.log.levels.ERROR)
    return
  end
  vim.notify('icp: built ' .. out .. '; reopen .icp buffers (:e) to use it', vim.log.levels.INFO)
end

--- Registers the language, and the parser with nvim-treesitter when it is there.
function M.register()
  vim.treesitter.language.register('icp', 'icp')
  -- nvim-treesitter, master branch: :TSInstall icp builds from this repository.
  local ok, parsers = pcall(require, 'nvim-treesitter.parsers')
  if ok and type(parsers) == 'table' and type(parsers.get_parser_configs) == 'function' then
    parsers.get_parser_configs().icp = {
      install_info = { url = M.grammar_dir(), files = { 'src/parser.c' } },
      filetype = 'icp',
    }
  end
  -- nvim-treesitter, main branch.
  vim.api.nvim_create_autocmd('User', {
    pattern = 'TSUpdate',
    group = vim.api.nvim_create_augroup('icp_treesitter', { clear = true }),
    callback = function()
      local ok2, p = pcall(require, 'nvim-treesitter.parsers')
      if ok2 and type(p) == 'table' then
        p.icp = { install_info = { path = M.grammar_dir() } }
      end
    end,
  })
end

--- Starts tree-sitter highlighting (and folds) in `buf` when the parser is installed.
function M.attach(buf)
  buf = (buf == nil or buf == 0) and vim.api.nvim_get_current_buf() or buf
  local config = require('icp').config.treesitter
  if vim.g.icp_treesitter == false or not config.highlight or not M.has_parser() then
    return false
  end
  vim.treesitter.start(buf, 'icp')
  if config.folds then
    for _, win in ipairs(vim.fn.win_findbuf(buf)) do
      vim.wo[win][0].foldmethod = 'expr'
      vim.wo[win][0].foldexpr = 'v:lua.vim.treesitter.foldexpr()'
      vim.wo[win][0].foldlevel = 99
    end
  end
  return true
end

return M
