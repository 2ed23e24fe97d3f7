-- The plugin sandbox's bootstrap: run once in each plugin's own Lua state before any plugin code (see
-- PluginSandbox.swift for what it allows and why). Embedded in the binary (Package.swift: .embedInCode); loaded
-- and checked by PluginSandboxResourceTests.
local sandbox, plugin_name, plugin_root = ...
local sb_open, sb_lines, sb_remove, sb_rename, sb_exec, sb_track =
      sandbox["io.open"], sandbox["io.lines"], sandbox["os.remove"], sandbox["os.rename"], sandbox.exec, sandbox.track
local sb_read = { loadfile = sandbox.loadfile, dofile = sandbox.dofile, require = sandbox.require }
local G = _G
local error, type, pairs, ipairs, next, rawset, setmetatable, getmetatable, tostring, select =
      error, type, pairs, ipairs, next, rawset, setmetatable, getmetatable, tostring, select
local load, require, collectgarbage = load, require, collectgarbage
local format, find, sub, gsub = string.format, string.find, string.sub, string.gsub
local io_lines, os_execute, io_popen = io.lines, os.execute, io.popen
local file_methods = getmetatable(io.stdout).__index
local file_lines, file_close = file_methods.lines, file_methods.close
local string_mt = getmetatable("")
local protected = setmetatable({}, { __mode = "k" })

-- A proxy that reads through to `source` (a table lookup, no function call, unless strict) and refuses writes.
local function readonly(source, label, strict)
  local proxy = {}
  protected[proxy] = true
  local index = source
  if strict then
    index = function(_, key)
      local value = source[key]
      if value == nil then error(format("%s.%s is not available to plugins", label, tostring(key)), 2) end
      return value
    end
  end
  return setmetatable(proxy, {
    __index = index,
    __newindex = function(_, key)
      error(format("attempt to modify read-only table '%s' (field '%s') from plugin '%s'", label, tostring(key), plugin_name), 2)
    end,
    -- The iterator closes over `source`; the state handed out is the empty proxy, so nothing pairs returns
    -- (nor next or rawget on what it returns) reaches the backing table.
    __pairs = function(self) return function(_, key) return next(source, key) end, self, nil end,
    __len = function() return #source end,
    __metatable = false,
  })
end

local function copy(library, drop)
  local t = {}
  for k, v in pairs(library) do if not (drop and drop[k]) then t[k] = v end end
  return t
end

local env = {}
for _, name in ipairs({ "assert", "error", "ipairs", "next", "pairs", "pcall", "xpcall", "select", "tonumber",
                        "tostring", "type", "rawequal", "rawlen", "rawget", "print", "_VERSION", "warn" }) do
  env[name] = G[name]
end
env.string = readonly(copy(string, { dump = true }), "string")
env.table = readonly(copy(table), "table")
env.math = readonly(copy(math), "math")
env.utf8 = readonly(copy(utf8), "utf8")
env.coroutine = readonly(copy(coroutine), "coroutine")
env.debug = readonly({ traceback = debug.traceback }, "debug", true)
-- Methods on strings ("x"):find(...) now read the plugin's read-only copy, never the host's string table.
string_mt.__index = env.string

env.io = readonly({
  write = io.write, read = io.read, type = io.type, stdout = io.stdout, stderr = io.stderr, stdin = io.stdin,
  open = function(path, mode) return sb_open(path, mode or "r") end,
  lines = function(path, ...)
    if path == nil then return io_lines() end
    local file, err = sb_lines(path, "r")
    if not file then error(err, 2) end
    local next_line = file_lines(file, ...)
    local function pass(...)
      if (...) == nil then file_close(file) end
      return ...
    end
    return function() return pass(next_line()) end, nil, nil, file
  end,
  popen = function(...)
    sb_exec("io.popen")
    return io_popen(...)
  end,
}, "io", true)
env.os = readonly({
  clock = os.clock, date = os.date, time = os.time, difftime = os.difftime,
  execute = function(...)
    sb_exec("os.execute")
    return os_execute(...)
  end,
  remove = function(path) return sb_remove(path) end,
  rename = function(from, to) return sb_rename(from, to) end,
}, "os", true)

env.rawset = function(t, k, v)
  if protected[t] then error("attempt to modify a read-only table with rawset from plugin '" .. plugin_name .. "'", 2) end
  return rawset(t, k, v)
end
env.setmetatable = function(t, mt)
  if t == env or protected[t] then error("cannot change a protected metatable (plugin '" .. plugin_name .. "')", 2) end
  return setmetatable(t, mt)
end
-- Metatables of strings, userdata (files, frames) and other non-tables are shared with the host's code: plugins
-- see read-only views of them.
local views = setmetatable({}, { __mode = "k" })
local function view(t)
  local existing = views[t]
  if existing then return existing end
  local proxy = {}
  protected[proxy] = true
  setmetatable(proxy, {
    __index = function(_, key)
      local value = t[key]
      if type(value) == "table" then return view(value) end
      return value
    end,
    __newindex = function(_, key)
      error(format("attempt to modify read-only table 'metatable' (field '%s') from plugin '%s'", tostring(key), plugin_name), 2)
    end,
    __pairs = function()
      return function(_, key)
        local k, value = next(t, key)
        if type(value) == "table" then value = view(value) end
        return k, value
      end, proxy, nil
    end,
    __metatable = false,
  })
  views[t] = proxy
  return proxy
end
env.getmetatable = function(value)
  local mt = getmetatable(value)
  if type(value) == "table" or type(mt) ~= "table" then return mt end
  return view(mt)
end
env.collectgarbage = function(option, ...)
  if option == nil or option == "collect" or option == "count" or option == "step" then
    return collectgarbage(option, ...)
  end
  error("collectgarbage('" .. tostring(option) .. "') is not available to plugins", 2)
end
env.load = function(chunk, name, mode, chunk_env)
  if mode ~= nil and mode ~= "t" then error("plugins may load text chunks only (mode 't'), not '" .. tostring(mode) .. "'", 2) end
  return load(chunk, name, "t", chunk_env or env)
end
local function loadfile(path, chunk_env, what)
  if path == nil then error(what .. ": plugins cannot read standard input", 3) end
  local text, err = sb_read[what](path)
  if not text then return nil, err end
  return load(text, "@" .. path, "t", chunk_env or env)
end
env.loadfile = function(path, mode, chunk_env)
  if mode ~= nil and mode ~= "t" then error("plugins may load text chunks only", 2) end
  return loadfile(path, chunk_env, "loadfile")
end
env.dofile = function(path)
  local f, err = loadfile(path, env, "dofile")
  if not f then error(err, 2) end
  return f()
end

local engines = { aikit = "aikit", cost = "aikit.cost", compliance = "aikit.compliance", market = "aikit.market",
                  chart = "aikit.chart" }
local loaded_modules = {}
env.require = function(name)
  if type(name) ~= "string" then error("bad argument #1 to 'require' (string expected, got " .. type(name) .. ")", 2) end
  if loaded_modules[name] ~= nil then return loaded_modules[name] end
  for _, module in pairs(engines) do
    if module == name then
      local value = readonly(require(name), name)
      loaded_modules[name] = value
      return value
    end
  end
  local prefix = plugin_name .. "."
  if plugin_root and sub(name, 1, #prefix) == prefix and not find(name, "[^%w_%.%-]") then
    local path = plugin_root .. "/" .. gsub(sub(name, #prefix + 1), "%.", "/") .. ".lua"
    local text = sb_read.require(path)
    if text then
      local chunk, err = load(text, "@" .. path, "t", env)
      if not chunk then error(err, 2) end
      sb_track(path)
      local value = chunk(name, path)
      if value == nil then value = true end
      loaded_modules[name] = value
      return value
    end
  end
  error(format("require '%s': plugin '%s' can require aikit modules (%s) and its own modules ('%s.NAME' in its folder); "
    .. "C modules and other Lua modules are not available to plugins", name, plugin_name,
    "aikit, aikit.market, aikit.cost, aikit.compliance, aikit.chart", plugin_name), 2)
end

setmetatable(env, {
  __index = function(_, key)
    local module = engines[key]
    if module then
      local value = env.require(module)
      rawset(env, key, value)
      return value
    end
  end,
  __metatable = "the environment of plugin '" .. plugin_name .. "' is locked",
})
env._G = env

-- Runs the plugin's entry file (read by the host) in its environment and returns its declaration.
return function(text, chunkname)
  local chunk, err = load(text, chunkname, "t", env)
  if not chunk then error(err, 0) end
  return chunk()
end
