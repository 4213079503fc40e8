-- lsp_nvim.lua - a real editor against `propcheck lsp` (test/lsp_nvim.sh).
--
-- Neovim's own client (vim.lsp.start_client, Neovim 0.7) opens a copy of
-- fixtures/rules/unknown-key.sql, waits for the diagnostics, checks their
-- rules and ranges (Neovim's 0-based line and column), applies the
-- preferred code action of the first finding, checks the buffer, and waits
-- for the diagnostics to follow the edit.  Hover must answer on the key.
-- Any failure ends Neovim with status 1 (cquit); success quits with 0.
local bin = os.getenv("PROPCHECK")
local file = os.getenv("FIXTURE")

local function fail(msg)
  io.stderr:write("lsp_nvim: FAIL: " .. msg .. "\n")
  vim.cmd("cquit 1")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = "propcheck",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
    init_options = { rules = { ["missing-key-pair"] = "note" } },
  })
  if not id then
    return fail("the client did not start")
  end
  vim.lsp.buf_attach_client(buf, id)

  local function diags(code)
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == code then
        table.insert(out, d)
      end
    end
    return out
  end

  if not vim.wait(10000, function() return #diags("unknown-key") > 0 end, 20) then
    return fail("no unknown-key diagnostics")
  end
  -- line 9, column 5 of the file: "aws.s3.use_isntance_profile" (quoted)
  local uk = diags("unknown-key")
  table.sort(uk, function(a, b) return a.lnum < b.lnum end)
  local d = uk[1]
  if d.lnum ~= 8 or d.col ~= 4 or d.end_lnum ~= 8 or d.end_col ~= 33 then
    return fail(string.format("unknown-key at %d:%d-%d:%d", d.lnum, d.col,
                              d.end_lnum, d.end_col))
  end
  if d.source ~= "propcheck" or d.severity ~= vim.diagnostic.severity.WARN then
    return fail("source or severity of unknown-key")
  end
  local mkp = diags("missing-key-pair")
  if #mkp ~= 1 or mkp[1].severity ~= vim.diagnostic.severity.INFO then
    return fail("missing-key-pair is a note by the settings")
  end

  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 9, character = 10 },
  }, 5000)
  local h = hover and hover[id] and hover[id].result
  if not h or not h.contents.value:find("aws.s3.region", 1, true) then
    return fail("hover on aws.s3.region")
  end

  local res = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = 8, character = 6 }, ["end"] = { line = 8, character = 6 } },
    context = { diagnostics = {} },
  }, 5000)
  local action
  for _, a in ipairs(res and res[id] and res[id].result or {}) do
    if a.isPreferred then
      action = a
    end
  end
  if not action or action.title ~= "rename to 'aws.s3.use_instance_profile'" then
    return fail("the preferred code action")
  end
  vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
  local line = vim.api.nvim_buf_get_lines(buf, 8, 9, false)[1]
  if line ~= '    "aws.s3.use_instance_profile" = "true",' then
    return fail("the buffer after the fix: " .. line)
  end
  local fixed = vim.wait(10000, function()
    for _, x in ipairs(diags("unknown-key")) do
      if x.lnum == 8 then
        return false
      end
    end
    return true
  end, 20)
  if not fixed then
    return fail("the diagnostics did not follow the edit")
  end
  if #diags("unknown-key") ~= 2 then
    return fail("the other unknown-key findings stay")
  end
end)
if not ok then
  fail(tostring(err))
end
vim.lsp.stop_client(vim.lsp.get_active_clients())
io.stdout:write("lsp_nvim: OK\n")
vim.cmd("qall!")
