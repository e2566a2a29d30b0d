-- Headless test of the Neovim plugin. Run by editors/nvim/test.sh as
--   nvim --headless --clean --cmd 'set rtp^=editors/nvim' -l editors/nvim/test.lua
-- Filetype, buffer settings, indentation and tree-sitter always run; the language server part
-- (diagnostics, hover, completion) skips itself, saying why, only while target/debug/icpc (or
-- $ICPC_BIN) is absent or `icpc lsp --help` fails. Under CI (CI=true) every skip (no server, no
-- C compiler, an old Neovim) is a failure. Ends itself after a time limit.

local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local root = vim.fs.normalize(here .. '/../..')
local TIME_LIMIT_MS = tonumber(vim.env.ICP_NVIM_TEST_TIMEOUT_MS) or 90000
local WAIT_MS = 20000

local passed, failed, skipped = 0, 0, 0

local function out(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end

local function finish()
  out(string.format('nvim: %d passed, %d failed, %d skipped', passed, failed, skipped))
  -- get_clients() leaves out clients still initializing: look them up by id.
  local clients = {}
  for id = 1, 64 do
    local c = vim.lsp.get_client_by_id(id)
    if c then
      table.insert(clients, c)
    end
  end
  for _, client in ipairs(clients) do
    vim.lsp.stop_client(client.id, true)
  end
  vim.wait(3000, function()
    return vim.iter(clients):all(function(c)
      return c:is_stopped()
    end)
  end, 20)
  os.exit(failed > 0 and 1 or 0)
end

-- Never hang: a timer ends the test (timers run inside vim.wait and blocking requests too).
local watchdog = vim.uv.new_timer()
watchdog:start(TIME_LIMIT_MS, 0, vim.schedule_wrap(function()
  out(string.format('FAIL: the test did not finish within %d ms', TIME_LIMIT_MS))
  failed = failed + 1
  finish()
end))

local function test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    out('ok - ' .. name)
  elseif type(err) == 'string' and err:match('^SKIP: ') then
    skipped = skipped + 1
    out('skip - ' .. name .. ': ' .. err:match('^SKIP: ([^\n]*)'))
  else
    failed = failed + 1
    out('FAIL - ' .. name .. '\n' .. tostring(err))
  end
end

local function skip(reason)
  if vim.env.CI == 'true' then
    error('CI=true needs what this test uses: ' .. reason, 0)
  end
  error('SKIP: ' .. reason, 0)
end

local function eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(string.format('%s: expected %s, got %s', what or 'value', vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

local function check(cond, what)
  if not cond then
    error(what, 2)
  end
end

local antipatterns = root .. '/examples/antipatterns.icp'
local examples = vim.fn.glob(root .. '/examples/*.icp', false, true)

---------------------------------------------------------------------------- filetype and buffer

test('the plugin is loaded', function()
  eq(vim.g.loaded_icp, 1, 'vim.g.loaded_icp')
  eq(vim.fn.exists(':IcpRestart'), 2, ':IcpRestart')
  eq(vim.fn.exists(':IcpBuildParser'), 2, ':IcpBuildParser')
end)

-- Tree-sitter: compile the parser first, so that opening a buffer starts highlighting.
local parser_dir = vim.fn.tempname()
local parser_built, parser_error = require('icp.treesitter').build({ dir = parser_dir .. '/parser' })
vim.opt.runtimepath:append(parser_dir)

-- Don't start a server while checking the filetype: the LSP part below starts it itself.
require('icp').setup({ lsp = { autostart = false } })

local buf
test('examples/antipatterns.icp gets filetype icp and its buffer settings', function()
  vim.cmd.edit(vim.fn.fnameescape(antipatterns))
  buf = vim.api.nvim_get_current_buf()
  eq(vim.bo[buf].filetype, 'icp', 'filetype')
  eq(vim.bo[buf].commentstring, '# %s', 'commentstring')
  eq(vim.bo[buf].shiftwidth, 2, 'shiftwidth')
  check(vim.bo[buf].indentexpr:match('icp'), 'indentexpr is set: ' .. vim.bo[buf].indentexpr)
  eq(vim.filetype.match({ filename = 'x/y/z.icp' }), 'icp', 'vim.filetype.match')
end)

test('gc comments a line with #', function()
  local scratch = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_set_current_buf(scratch)
  vim.bo[scratch].filetype = 'icp'
  vim.api.nvim_buf_set_lines(scratch, 0, -1, false, { 'icp x {', '  owner "me"', '}' })
  vim.api.nvim_win_set_cursor(0, { 2, 0 })
  vim.cmd.normal('gcc')
  eq(vim.api.nvim_buf_get_lines(scratch, 1, 2, false)[1], '  # owner "me"', 'commented line')
  vim.api.nvim_set_current_buf(buf)
  vim.api.nvim_buf_delete(scratch, { force = true })
end)

test('indentation: one level per open bracket, closers go back', function()
  local lines = {
    'icp x "a { in a string" {   # {',
    'firmographics {',
    'industry in [',
    'saas,',
    ']',
    '}',
    '}',
  }
  local scratch = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_set_current_buf(scratch)
  vim.bo[scratch].filetype = 'icp'
  vim.api.nvim_buf_set_lines(scratch, 0, -1, false, lines)
  vim.cmd('silent normal! gg=G')
  eq(vim.api.nvim_buf_get_lines(scratch, 0, -1, false), {
    'icp x "a { in a string" {   # {',
    '  firmographics {',
    '    industry in [',
    '      saas,',
    '    ]',
    '  }',
    '}',
  }, 'reindented')
  vim.api.nvim_set_current_buf(buf)
  vim.api.nvim_buf_delete(scratch, { force = true })
end)

---------------------------------------------------------------------------- tree-sitter

test('tree-sitter: the parser builds from grammar/tree-sitter-icp', function()
  if not parser_built and tostring(parser_error):match('no C compiler') then
    skip(parser_error)
  end
  check(parser_built, 'build failed: ' .. tostring(parser_error))
  check(require('icp.treesitter').has_parser(), 'the parser does not load')
end)

test('tree-sitter: every example parses with no error', function()
  if not parser_built then
    skip('no parser')
  end
  check(#examples >= 3, 'examples found: ' .. #examples)
  for _, file in ipairs(examples) do
    local text = table.concat(vim.fn.readfile(file), '\n')
    local tree = vim.treesitter.get_string_parser(text, 'icp'):parse()[1]
    check(not tree:root():has_error(), file .. ' has a syntax error')
    eq(tree:root():type(), 'source_file', file)
  end
end)

test('tree-sitter: the queries compile and highlighting runs in the buffer', function()
  if not parser_built then
    skip('no parser')
  end
  for _, name in ipairs({ 'highlights', 'folds', 'indents', 'locals' }) do
    local q = vim.treesitter.query.get('icp', name)
    check(q ~= nil, name .. '.scm not found')
  end
  check(vim.treesitter.highlighter.active[buf] ~= nil, 'tree-sitter highlighting is not active in the buffer')
  local function captures(row, col)
    return vim.tbl_map(function(c)
      return c.capture
    end, vim.treesitter.get_captures_at_pos(buf, row, col))
  end
  -- line 5: `schema crm {`; line 14: `icp everyone "..." {`; line 19: `    employees in 100..10000`
  check(vim.tbl_contains(captures(4, 0), 'keyword'), 'schema: ' .. vim.inspect(captures(4, 0)))
  check(vim.tbl_contains(captures(4, 7), 'type.definition'), 'crm: ' .. vim.inspect(captures(4, 7)))
  check(vim.tbl_contains(captures(18, 4), 'variable.member'), 'employees: ' .. vim.inspect(captures(18, 4)))
  check(vim.tbl_contains(captures(18, 14), 'keyword.operator'), 'in: ' .. vim.inspect(captures(18, 14)))
  check(vim.tbl_contains(captures(18, 17), 'number'), '100: ' .. vim.inspect(captures(18, 17)))
  check(vim.tbl_contains(captures(0, 0), 'comment'), 'comment: ' .. vim.inspect(captures(0, 0)))
  eq(vim.wo.foldmethod, 'expr', 'foldmethod')
  vim.cmd('normal! zx')
  check(vim.fn.foldlevel(19) >= 2, 'line 19 (in firmographics, in icp) has fold level ' .. vim.fn.foldlevel(19))
end)

test(':checkhealth icp runs and reports each section', function()
  vim.cmd('silent checkhealth icp')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.cmd('tabclose')
  for _, section in ipairs({ 'icp: Neovim', 'icp: language server', 'icp: tree%-sitter' }) do
    check(text:match(section), 'section ' .. section .. ' missing from:\n' .. text)
  end
  check(text:match('files get the filetype icp'), 'filetype check missing:\n' .. text)
  check(not text:match('Failed to run healthcheck'), 'the health check failed:\n' .. text)
  if parser_built then
    check(text:match('parser: '), 'parser not reported:\n' .. text)
  end
end)

test('lsp/icpc.lua: a vim.lsp.config for icpc (Neovim 0.11)', function()
  if vim.fn.has('nvim-0.11') == 0 then
    skip('vim.lsp.config needs Neovim 0.11')
  end
  local cfg = vim.lsp.config.icpc
  check(cfg, 'vim.lsp.config.icpc is nil')
  eq(cfg.cmd, { 'icpc', 'lsp' }, 'cmd')
  eq(cfg.filetypes, { 'icp' }, 'filetypes')
  eq(cfg.root_markers, { 'icp.toml', '.git' }, 'root_markers')
end)

test('lsp: a missing server is reported once, clearly', function()
  local messages = {}
  local notify = vim.notify
  vim.notify = function(msg)
    table.insert(messages, msg)
  end
  require('icp').setup({ server = { path = '/nonexistent/icpc' }, lsp = { autostart = false } })
  local id1 = require('icp.lsp').start(buf)
  local id2 = require('icp.lsp').start(buf)
  vim.notify = notify
  eq({ id1, id2 }, {}, 'no client')
  eq(#messages, 1, 'one message')
  check(messages[1]:match('"/nonexistent/icpc" does not exist or is not executable'), messages[1])
  check(messages[1]:match('checkhealth icp'), messages[1])
end)

---------------------------------------------------------------------------- language server

local bin = vim.env.ICPC_BIN or (root .. '/target/debug/icpc')

local function lsp_skip_reason()
  if vim.fn.executable(bin) ~= 1 then
    return bin .. ' does not exist (build it with `cargo build -p icpc`, or set ICPC_BIN)'
  end
  local r = vim.system({ bin, 'lsp', '--help' }, { text = true }):wait(10000)
  if r.code ~= 0 then
    return string.format('`%s lsp --help` exited with %s: the server is not there yet', bin, tostring(r.code))
  end
  if vim.trim((r.stdout or '') .. (r.stderr or '')) == '' then
    return string.format('`%s lsp --help` printed nothing: the server is not there yet', bin)
  end
  return nil
end

local reason = lsp_skip_reason()
if reason then
  out('SKIP language server tests: ' .. reason)
end

local client
test('lsp: the server starts and attaches to the buffer', function()
  if reason then
    skip(reason)
  end
  require('icp').setup({ server = { path = bin }, lsp = { autostart = true } })
  vim.api.nvim_set_current_buf(buf)
  local id = require('icp.lsp').start(buf)
  check(id, 'require("icp.lsp").start returned no client id')
  vim.wait(WAIT_MS, function()
    local c = vim.lsp.get_client_by_id(id)
    return c == nil or c.initialized or c:is_stopped()
  end, 50)
  local attached = #require('icp.lsp').clients(buf) > 0 and require('icp.lsp').clients(buf)[1].initialized
  if not attached then
    -- Say why: run the server by hand with an empty stdin and report how it ended.
    local r = vim.system({ bin, 'lsp' }, { stdin = '', text = true }):wait(3000)
    error(string.format('no icpc client attached (waited up to %d ms); `%s lsp` with an empty stdin: exit %s, stderr: %s',
      WAIT_MS, bin, tostring(r.code), vim.trim(r.stderr or '')))
  end
  client = require('icp.lsp').clients(buf)[1]
  eq(client.name, 'icpc', 'client name')
  eq(client.config.cmd, { bin, 'lsp' }, 'cmd')
end)

local function diagnostic_codes()
  return vim.tbl_map(function(d)
    return d.code
  end, vim.diagnostic.get(buf))
end

test('lsp: diagnostics arrive, unknown-field among their codes', function()
  if not client then
    skip(reason or 'no client')
  end
  check(vim.wait(WAIT_MS, function()
    return vim.tbl_contains(diagnostic_codes(), 'unknown-field')
  end, 50), 'no unknown-field diagnostic within ' .. WAIT_MS .. ' ms; codes: ' .. vim.inspect(diagnostic_codes()))
  out('  diagnostic codes: ' .. table.concat(diagnostic_codes(), ', '))
  local unknown = vim.tbl_filter(function(d)
    return d.code == 'unknown-field'
  end, vim.diagnostic.get(buf))[1]
  eq(unknown.lnum, 40, 'unknown-field line (0-based; `rule stack : hriss == workday`)')
end)

local function request(method, row, col)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = row, character = col },
  }
  if method == 'textDocument/completion' then
    params.context = { triggerKind = 1 }
  end
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, WAIT_MS)
  check(responses, method .. ' failed: ' .. tostring(err))
  local r = responses[client.id]
  check(r, method .. ': no response from icpc')
  check(not r.err, method .. ' error: ' .. vim.inspect(r.err))
  return r.result
end

local function hover_text(result)
  if not result then
    return ''
  end
  local c = result.contents
  if type(c) == 'string' then
    return c
  end
  if c.value then
    return c.value
  end
  return table.concat(vim.tbl_map(function(x)
    return type(x) == 'string' and x or x.value or ''
  end, c), '\n')
end

test('lsp: hover at a field name returns content', function()
  if not client then
    skip(reason or 'no client')
  end
  -- line 19: `    employees in 100..10000`; the cursor on `employees`
  local line = vim.api.nvim_buf_get_lines(buf, 18, 19, false)[1]
  check(line:match('^    employees in'), 'line 19 is ' .. line)
  local text = hover_text(request('textDocument/hover', 18, 6))
  check(vim.trim(text) ~= '', 'empty hover')
  out('  hover: ' .. text:gsub('\n', ' '):sub(1, 100))
end)

test('lsp: completion at the start of a criterion offers the schema fields', function()
  if not client then
    skip(reason or 'no client')
  end
  local result = request('textDocument/completion', 18, 4)
  local items = result and (result.items or result) or {}
  local labels = vim.tbl_map(function(i)
    return i.label
  end, items)
  for _, field in ipairs({ 'employees', 'revenue', 'industry', 'hris' }) do
    check(vim.tbl_contains(labels, field), field .. ' not among ' .. vim.inspect(labels))
  end
end)

test('lsp: :IcpCompareHead shows the change in meaning of unsaved edits since HEAD', function()
  if not client then
    skip(reason or 'no client')
  end
  if vim.system({ 'git', 'rev-parse', '--is-inside-work-tree' }, { text = true }):wait().code ~= 0 then
    skip('the checkout is not a git repository')
  end
  local lsp = require('icp.lsp')
  local win = vim.api.nvim_get_current_win()
  local same = lsp.compare_with_head(buf)
  check(same, 'no answer to icp/compareWithHead')
  eq(same.changed, false, 'an unchanged buffer changes nothing')
  vim.cmd('close')
  vim.api.nvim_set_current_win(win)
  local line = vim.api.nvim_buf_get_lines(buf, 18, 19, false)[1]
  check(line:find('employees in 100..10000', 1, true), 'line 19 is the employees band: ' .. line)
  vim.api.nvim_buf_set_lines(buf, 18, 19, false, { (line:gsub('100%.%.10000', '100..20000')) })
  local changed = lsp.compare_with_head(buf)
  eq(changed.changed, true, 'a wider band changes the meaning')
  local shown = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  check(shown:find('widens', 1, true), 'the scratch buffer shows the plan: ' .. shown)
  eq(vim.bo.filetype, 'markdown', 'scratch buffer filetype')
  vim.cmd('close')
  vim.api.nvim_set_current_win(win)
  vim.api.nvim_buf_set_lines(buf, 18, 19, false, { line })
end)

test('lsp: the tests of a profile show as code lenses', function()
  if not client then
    skip(reason or 'no client')
  end
  vim.cmd.edit(vim.fn.fnameescape(root .. '/examples/hr-analytics_test.icp'))
  local tbuf = vim.api.nvim_get_current_buf()
  eq(vim.bo[tbuf].filetype, 'icp', 'filetype')
  local id = require('icp.lsp').start(tbuf)
  check(id, 'no client for the test file')
  local ns = vim.lsp.codelens.__namespaces[id]
  local function shown()
    local titles = {}
    for _, m in ipairs(vim.api.nvim_buf_get_extmarks(tbuf, ns, 0, -1, { details = true })) do
      for _, chunk in ipairs(m[4].virt_text or {}) do
        if vim.trim(chunk[1]) ~= '' and vim.trim(chunk[1]) ~= '|' then
          table.insert(titles, { m[2], vim.trim(chunk[1]) })
        end
      end
    end
    return titles
  end
  check(vim.wait(WAIT_MS, function()
    return #shown() >= 4
  end, 50), 'no code lenses shown within ' .. WAIT_MS .. ' ms: ' .. vim.inspect(shown()))
  local lines = {}
  for _, t in ipairs(shown()) do
    eq(t[2], '▶ passes', 'lens on line ' .. t[1])
    lines[#lines + 1] = t[1]
  end
  -- Each lens is on the line of a `test` header.
  for _, l in ipairs(lines) do
    local text = vim.api.nvim_buf_get_lines(tbuf, l, l + 1, false)[1]
    check(text:match('^test '), 'a lens on line ' .. l .. ': ' .. text)
  end
  out('  lenses: ' .. #lines .. ' tests, all "▶ passes"')

  -- Break the first test's expectation: its lens says what happened instead.
  local row = vim.fn.search('expect tier strong') - 1
  check(row >= 0, 'no `expect tier strong` line')
  vim.api.nvim_buf_set_lines(tbuf, row, row + 1, false, { '  expect tier poor_fit' })
  vim.api.nvim_exec_autocmds('TextChanged', { buffer = tbuf })
  check(vim.wait(WAIT_MS, function()
    return vim.iter(shown()):any(function(t)
      return t[2] == '✗ fails: tier strong'
    end)
  end, 50), 'the lens did not follow the edit: ' .. vim.inspect(shown()))
  vim.cmd('silent! undo')
end)

test('lsp: with [data], inlay hints and the rubric lens show the figures', function()
  if not client then
    skip(reason or 'no client')
  end
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local csv = { 'Industry,Employees,Stage' }
  for i = 1, 40 do
    local ind = ({ 'software', 'fintech', 'retail', 'software' })[i % 4 + 1]
    table.insert(csv, string.format('%s,%d,%s', ind, i * 50, i % 3 == 0 and 'won' or 'lost'))
  end
  vim.fn.writefile(csv, dir .. '/crm.csv')
  vim.fn.writefile({ '[data]', 'accounts = "crm.csv"', 'outcome = "Stage"' }, dir .. '/icp.toml')
  vim.fn.writefile({
    'schema crm {',
    '  industry: enum[software, fintech, retail] from "Industry"',
    '  employees: int from "Employees"',
    '}',
    '',
    'icp buyers "Software companies of 200 to 2000 people" {',
    '  uses crm',
    '  firmographics {',
    '    employees in 200..2000',
    '    industry in [software, fintech]',
    '  }',
    '  rubric {',
    '    rule big +1 : employees >= 1000',
    '    tier strong when score >= 1',
    '    tier weak otherwise',
    '  }',
    '}',
  }, dir .. '/p.icp')
  vim.cmd.edit(vim.fn.fnameescape(dir .. '/p.icp'))
  local pbuf = vim.api.nvim_get_current_buf()
  local id = require('icp.lsp').start(pbuf)
  check(id, 'no client for the profile')
  local function hints()
    local out = {}
    for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = pbuf })) do
      local label = h.inlay_hint.label
      if type(label) == 'table' then
        label = table.concat(vim.tbl_map(function(p) return p.value end, label))
      end
      if label:match('^admits') then
        table.insert(out, { h.inlay_hint.position.line, label })
      end
    end
    table.sort(out, function(a, b) return a[1] < b[1] end)
    return out
  end
  check(vim.wait(WAIT_MS, function()
    return vim.lsp.inlay_hint.is_enabled({ bufnr = pbuf })
  end, 50), 'the plugin did not enable inlay hints')
  check(vim.wait(WAIT_MS, function()
    return #hints() >= 3
  end, 100), 'no data hints within ' .. WAIT_MS .. ' ms: ' .. vim.inspect(hints()))
  -- Employees 50..2000: 200..2000 holds for i = 4..40 (37 of 40); software or fintech 30 of 40;
  -- employees >= 1000 for i = 20..40 (21 of 40).
  eq(hints(), { { 8, 'admits 93%' }, { 9, 'admits 75%' }, { 12, 'admits 53%' } }, 'hints')
  local ns = vim.lsp.codelens.__namespaces[id]
  local function lens()
    for _, m in ipairs(vim.api.nvim_buf_get_extmarks(pbuf, ns, 0, -1, { details = true })) do
      for _, chunk in ipairs(m[4].virt_text or {}) do
        if chunk[1]:match('strong') and chunk[1]:match('n = 40') then
          return { m[2], vim.trim(chunk[1]) }
        end
      end
    end
  end
  check(vim.wait(WAIT_MS, function()
    vim.lsp.codelens.refresh({ bufnr = pbuf })
    return lens() ~= nil
  end, 100), 'no rubric lens within ' .. WAIT_MS .. ' ms')
  eq(lens(), { 11, 'strong 53% · weak 48% (n = 40)' }, 'rubric lens')
  out('  data: ' .. #hints() .. ' hints, lens "' .. lens()[2] .. '"')
end)

test('lsp: the client stops cleanly', function()
  if not client then
    skip(reason or 'no client')
  end
  vim.lsp.stop_client(client.id)
  check(vim.wait(WAIT_MS, function()
    return client:is_stopped()
  end, 50), 'the client did not stop')
end)

watchdog:stop()
finish()
