-- Starting the icpc language server (`icpc lsp` on stdio) with vim.lsp.start.
local M = {}

M.name = 'icpc'

local warned = false

--- The server binary: an absolute path, or nil and the reason it was not found.
function M.server_path(config)
  config = config or require('icp').config
  local requested = vim.trim(config.server.path or '')
  if requested == '' then
    requested = 'icpc'
  end
  local expanded = vim.fn.expand(requested)
  if not expanded:find('[/\\]') then
    local found = vim.fn.exepath(expanded)
    if found ~= '' then
      return found
    end
    return nil, string.format('"%s" is not on PATH', requested)
  end
  if vim.fn.executable(expanded) == 1 then
    return vim.fn.fnamemodify(expanded, ':p')
  end
  return nil, string.format('"%s" does not exist or is not executable', requested)
end

function M.missing_message(reason)
  return 'icp: the icpc language server was not found: '
    .. reason
    .. '. Install icpc (from the icpc repository: cargo install --path crates/icpc) or set'
    .. " require('icp').setup({ server = { path = '/path/to/icpc' } }). See :checkhealth icp"
end

--- The vim.lsp.start configuration for a buffer, or nil and the reason.
function M.client_config(buf, config)
  config = config or require('icp').config
  local path, reason = M.server_path(config)
  if not path then
    return nil, reason
  end
  local cmd = { path, 'lsp' }
  vim.list_extend(cmd, config.server.args or {})
  local fname = vim.api.nvim_buf_get_name(buf)
  local root = vim.fs.root(buf, config.server.root_markers or { 'icp.toml', '.git' })
  if not root and fname ~= '' then
    root = vim.fs.dirname(fname)
  end
  return {
    name = M.name,
    cmd = cmd,
    root_dir = root,
    settings = config.server.settings,
    on_attach = M.on_attach,
  }
end

--- Shows inlay hints (with `[data]` in icp.toml, what each criterion admits: `admits 31%`)
--- unless `vim.g.icp_inlay_hints = false`, and code lenses (the results of a file's tests,
--- "▶ passes" / "✗ fails: …", and the rubric's tier distribution over the data), refreshed
--- when the buffer is entered or edited.
function M.on_attach(client, buf)
  if client.server_capabilities.inlayHintProvider and vim.lsp.inlay_hint and vim.g.icp_inlay_hints ~= false then
    vim.lsp.inlay_hint.enable(true, { bufnr = buf })
  end
  if not client.server_capabilities.codeLensProvider then
    return
  end
  local refresh = function()
    vim.lsp.codelens.refresh({ bufnr = buf })
  end
  vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'TextChanged' }, {
    buffer = buf,
    group = vim.api.nvim_create_augroup('icp_codelens_' .. buf, { clear = true }),
    callback = refresh,
  })
  refresh()
end

--- Starts the server for `buf` (or attaches the running one). Returns the client id.
function M.start(buf)
  buf = (buf == nil or buf == 0) and vim.api.nvim_get_current_buf() or buf
  local cfg, reason = M.client_config(buf)
  if not cfg then
    if not warned then
      warned = true
      vim.notify(M.missing_message(reason), vim.log.levels.WARN)
    end
    return nil
  end
  return vim.lsp.start(cfg, { bufnr = buf })
end

function M.clients(buf)
  return vim.lsp.get_clients({ name = M.name, bufnr = buf })
end

--- Stops every icpc client and starts one again for each icp buffer (:IcpRestart).
function M.restart()
  local clients = M.clients()
  for _, client in ipairs(clients) do
    vim.lsp.stop_client(client.id)
  end
  vim.wait(5000, function()
    for _, client in ipairs(clients) do
      if not client:is_stopped() then
        return false
      end
    end
    return true
  end, 50)
  warned = false
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == 'icp' then
      M.start(buf)
    end
  end
end

--- Shows, in a scratch buffer, what the current buffer (unsaved edits included) changes in
--- meaning since git's HEAD (:IcpCompareHead). The server answers `icp/compareWithHead`.
function M.compare_with_head(buf)
  buf = buf or vim.api.nvim_get_current_buf()
  local client = M.clients(buf)[1]
  if not client then
    vim.notify('icp: no icpc language server for this buffer', vim.log.levels.WARN)
    return
  end
  local params = { textDocument = vim.lsp.util.make_text_document_params(buf) }
  local res, err = client:request_sync('icp/compareWithHead', params, 10000, buf)
  if not res or res.err then
    local why = (res and res.err and res.err.message) or err or 'no answer'
    vim.notify('icp: compare with HEAD: ' .. why, vim.log.levels.ERROR)
    return
  end
  local out = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(out, 0, -1, false, vim.split(res.result.markdown, '\n'))
  vim.bo[out].filetype = 'markdown'
  vim.bo[out].modifiable = false
  vim.cmd('vsplit')
  vim.api.nvim_win_set_buf(0, out)
  return res.result
end

return M
