local M = {}

--- The line without its comment and strings, for bracket counting.
local function code_of(line)
  line = line:gsub('"[^"\\]*(\\.[^"\\]*)*"', '""')
  return (line:gsub('#.*$', ''))
end

--- The indent of line `lnum` (1-based), for 'indentexpr'.
function M.get(lnum, getline, shiftwidth)
  local prev = lnum - 1
  while prev > 0 and getline(prev):match('^%s*$') do
    prev = prev - 1
  end
  if prev == 0 then
    return 0
  end
  local prev_line = getline(prev)
  local indent = #prev_line:match('^%s*')
  local code = code_of(prev_line)
  local opens = select(2, code:gsub('[%{%[%(]', ''))
  local closes = select(2, code:gsub('[%}%]%)]', ''))
  -- A line that starts with closers has already been dedented for them.
  local leading = #(code:match('^%s*([%}%]%)]*)') or '')
  local delta = opens - (closes - leading)
  if delta > 0 then
    indent = indent + shiftwidth
  elseif delta < 0 then
    indent = indent + delta * shiftwidth
  end
  if code_of(getline(lnum)):match('^%s*[%}%]%)]') then
    indent = indent - shiftwidth
  end
  return math.max(indent, 0)
end

function M.indentexpr()
  local sw = vim.fn.shiftwidth()
  return M.get(vim.v.lnum, function(n)
    return vim.fn.getline(n)
  end, sw)
end

return M
