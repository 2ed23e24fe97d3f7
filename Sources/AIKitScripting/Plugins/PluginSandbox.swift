/// The restricted profile a plugin runs in, as Lua run once in the plugin's own state before any plugin code.
/// It captures the real library functions in locals (unreachable from plugin code: no `debug`), builds the plugin's
/// environment table and read-only proxies of the standard library, and returns the loader.
///
/// Allowed: the base library minus `load`-of-binaries, `rawset` on protected tables, metatable changes on protected
/// tables and the string metatable; string (minus `dump`), table, math, utf8, coroutine; `os.clock/date/time/
/// difftime`; `io.read/write` on the standard streams; `debug.traceback`. `io.open`, `io.lines`, `loadfile` and
/// `dofile` go through the host's permission check; `os.execute`, `io.popen` need "exec"; `os.remove/rename` need
/// write access to the path. `require` finds the aikit engine modules and, for folder plugins, the plugin's own
/// `NAME.module` files — never C modules or anything outside the plugin's folder (Redis's script_lua.c allow-list
/// approach).
enum PluginSandbox {
    static let bootstrap = #"""
    local check, track, plugin_name, plugin_root = ...
    local G = _G
    local error, type, pairs, next, rawget, rawset, setmetatable, getmetatable, select, tostring =
          error, type, pairs, next, rawget, rawset, setmetatable, getmetatable, select, tostring
    local load, loadfile, require, pcall, collectgarbage = load, loadfile, require, pcall, collectgarbage
    local io_open, io_lines, os_execute, io_popen, os_remove, os_rename = io.open, io.lines, os.execute, io.popen, os.remove, os.rename
    local string_mt = getmetatable("")
    local protected = setmetatable({}, { __mode = "k" })

    local function readonly(source, label, strict)
      local proxy = {}
      protected[proxy] = true
      return setmetatable(proxy, {
        __index = function(_, key)
          local value = source[key]
          if value == nil and strict then
            error(("%s.%s is not available to plugins"):format(label, tostring(key)), 2)
          end
          return value
        end,
        __newindex = function(_, key)
          error(("attempt to modify read-only table '%s' (field '%s') from plugin '%s'"):format(label, tostring(key), plugin_name), 2)
        end,
        __pairs = function() return next, source, nil end,
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

    local function mode_of(mode) return (mode or "r"):find("[wa+]") and "write" or "read" end
    env.io = readonly({
      write = io.write, read = io.read, stdout = io.stdout, stderr = io.stderr, stdin = io.stdin,
      open = function(path, mode)
        check(mode_of(mode), path, "io.open")
        return io_open(path, mode)
      end,
      lines = function(path, ...)
        if path ~= nil then check("read", path, "io.lines") end
        return io_lines(path, ...)
      end,
      popen = function(...)
        check("exec", nil, "io.popen")
        return io_popen(...)
      end,
    }, "io", true)
    env.os = readonly({
      clock = os.clock, date = os.date, time = os.time, difftime = os.difftime,
      execute = function(...)
        check("exec", nil, "os.execute")
        return os_execute(...)
      end,
      remove = function(path)
        check("write", path, "os.remove")
        return os_remove(path)
      end,
      rename = function(from, to)
        check("write", from, "os.rename")
        check("write", to, "os.rename")
        return os_rename(from, to)
      end,
    }, "os", true)

    env.rawset = function(t, k, v)
      if protected[t] then error("attempt to modify a read-only table with rawset from plugin '" .. plugin_name .. "'", 2) end
      return rawset(t, k, v)
    end
    env.setmetatable = function(t, mt)
      if t == env or protected[t] then error("cannot change a protected metatable (plugin '" .. plugin_name .. "')", 2) end
      return setmetatable(t, mt)
    end
    local string_mt_proxy = readonly(string_mt, "string metatable")
    env.getmetatable = function(value)
      local mt = getmetatable(value)
      if mt == string_mt then return string_mt_proxy end
      return mt
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
    env.loadfile = function(path, mode, chunk_env)
      if mode ~= nil and mode ~= "t" then error("plugins may load text chunks only", 2) end
      check("read", path, "loadfile")
      return loadfile(path, "t", chunk_env or env)
    end
    env.dofile = function(path)
      check("read", path, "dofile")
      local f, err = loadfile(path, "t", env)
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
          local library = require(name)
          if name == "aikit.compliance" then
            -- Host functions that read files go through the same permission check as io.open.
            local import = library.import_parties
            library = copy(library)
            library.import_parties = function(path)
              check("read", path, "compliance.import_parties")
              return import(path)
            end
          end
          local value = readonly(library, name)
          loaded_modules[name] = value
          return value
        end
      end
      local prefix = plugin_name .. "."
      if plugin_root and name:sub(1, #prefix) == prefix and not name:find("[^%w_%.%-]") then
        local path = plugin_root .. "/" .. name:sub(#prefix + 1):gsub("%.", "/") .. ".lua"
        local chunk, err = loadfile(path, "t", env)
        if chunk then
          track(path)
          local value = chunk(name, path)
          if value == nil then value = true end
          loaded_modules[name] = value
          return value
        end
        if not err:find("cannot open", 1, true) then error(err, 2) end
      end
      error(("require '%s': plugin '%s' can require aikit modules (%s) and its own modules ('%s.NAME' in its folder); "
        .. "C modules and other Lua modules are not available to plugins"):format(name, plugin_name,
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

    -- Loads the plugin's entry file in its environment and returns what it returns (its declaration).
    return function(path)
      local chunk, err = loadfile(path, "t", env)
      if not chunk then error(err, 0) end
      track(path)
      return chunk()
    end
    """#
}
