import Testing

/// One chunk run through lua.c and through `aikit script` (see LuaSideBySideTests).
struct SideBySideCase: Sendable, CustomTestStringConvertible {
    let label: String
    let code: String
    var arguments: [String] = []
    /// Given to the script's standard input; a script given some must read it all (see io.stdin:seek).
    var stdin = ""
    /// Options given to `aikit script` only (limits: the script must not notice them).
    var aikitOptions: [String] = []
    /// Files written beside `case.lua` (modules to require, data to read).
    var files: [String: String] = [:]
    var environment: [String: String] = [:]
    /// Interpreter options before the script (`-e`, `-l`), the same for both.
    var interpreterArguments: [String] = []
    /// Run the chunk as `-` from standard input.
    var scriptFromStandardInput = false
    /// The script's place on the command line when it is not `case.lua` (or `-` with `scriptFromStandardInput`):
    /// `[]` for none (with `scriptFromStandardInput`, lua.c then runs standard input as the script).
    var scriptPart: [String]? = nil

    var testDescription: String { label }

    /// Each hook case also runs under a time limit and a memory cap, which the script must not be able to see.
    static let limitOptions: [(String, [String])] = [
        ("", []), (" --timeout", ["--timeout", "60"]),
        (" --memory", ["--memory", "256"]),
    ]

    static let hookCases: [SideBySideCase] = [
        .init(label: "gethook is nil", code: "print(debug.gethook())"),
        .init(
            label: "line hook then cleared",
            code: """
                print(debug.gethook())
                debug.sethook(function(e, l) io.write(e, ' ', tostring(l), '\\n') end, 'l')
                local x = 1
                x = x + 1
                debug.sethook()
                print(debug.gethook())
                """),
        .init(
            label: "count hook every 7 instructions",
            code: """
                local n = 0
                debug.sethook(function(e) n = n + 1 end, '', 7)
                for i = 1, 10000 do local x = i * 2 end
                debug.sethook()
                print(n)
                """),
        .init(
            label: "call and return hooks",
            code: """
                local events = {}
                debug.sethook(function(e) events[e] = (events[e] or 0) + 1 end, 'cr')
                local function f() return 1 end
                for i = 1, 100 do f() end
                local function g() return f() end
                g()
                debug.sethook()
                print(events.call, events['return'], events['tail call'])
                """),
        .init(
            label: "gethook reports function, mask and count",
            code: """
                local f = function() end
                debug.sethook(f, 'crl', 3)
                local g, mask, count = debug.gethook()
                debug.sethook()
                print(g == f, mask, count)
                """),
        .init(
            label: "hooks of a coroutine",
            code: """
                local co = coroutine.create(function() print(type((debug.gethook()))) coroutine.yield() end)
                local lines = 0
                debug.sethook(co, function() lines = lines + 1 end, 'l', 3)
                print(select(2, debug.gethook(co)))
                print(type((debug.gethook())))
                coroutine.resume(co)
                print(lines > 0)
                """),
        .init(
            label: "error raised in a hook",
            code: """
                debug.sethook(function() error('from hook') end, 'l')
                local x = 1
                """),
        .init(
            label: "sethook argument errors",
            code: """
                print(pcall(debug.sethook, 1, 2))
                print(pcall(debug.sethook, function() end, 'l', 'x'))
                """),
    ]

    static let all: [SideBySideCase] =
        hookCases.flatMap { base in
            limitOptions.map { suffix, options in
                SideBySideCase(label: base.label + suffix, code: base.code, aikitOptions: options)
            }
        } + languageCases + libraryCases + interpreterCases

    static let languageCases: [SideBySideCase] = [
        .init(
            label: "integer and float printing",
            code: """
                print(1, 1.0, -0.0, 1e100, 2^53, 2^63, math.maxinteger + 1, math.mininteger, 3 / 2, 3 // 2, 7.0 // 2)
                print(1e15, 1e16, 123456789012345678, 0x10, 0xffffffffffffffff, 1/0, -1/0, math.pi, 100 // 1e300)
                print(math.type(1), math.type(1.0), math.type('1'), 10 // 3, -7 // 2, -7 % 3, 7 % -3, -7.5 % 2)
                """),
        .init(
            label: "string.format edge cases",
            code: """
                print(string.format('%q', 1/3), string.format('%q', math.mininteger), string.format('%q', 1/0))
                print(string.format('%5.2s|%-5d|%+.3f|%x|%X|%o|%e|%g|%g', 'abc', 42, 3.14159, 255, 255, 8, 12345.678, 1e20, 0.1))
                print(string.format('%q', 'a\\nb\\0c"d\\r'), string.format('%a', 1.0), string.format('%%|%c', 65))
                print(string.format('%d', 3.0), pcall(string.format, '%d', 3.5))
                print(pcall(string.format, '%10.123f', 1), pcall(string.format, '%y', 1))
                print(string.format('%s %s', 1, 1.5), string.format('%.14g', 2^53), string.format('%i', -0))
                """),
        .init(
            label: "goto and labels",
            code: """
                for i = 1, 5 do
                  if i % 2 == 0 then goto continue end
                  io.write(i, ' ')
                  ::continue::
                end
                print()
                do local k = 0 ::top:: k = k + 1 if k < 3 then goto top end print(k) end
                print(load('goto nowhere'))
                """),
        .init(
            label: "metamethods",
            code: """
                local V = {}
                V.__index = V
                V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
                V.__eq = function(a, b) return a.x == b.x end
                V.__lt = function(a, b) return a.x < b.x end
                V.__le = function(a, b) return a.x <= b.x end
                V.__len = function(a) return a.x end
                V.__call = function(self, y) return self.x * y end
                V.__concat = function(a, b) return 'V' .. (type(a) == 'table' and a.x or a) .. (type(b) == 'table' and b.x or b) end
                V.__tostring = function(a) return 'V(' .. a.x .. ')' end
                V.__unm = function(a) return setmetatable({x = -a.x}, V) end
                V.__idiv = function() return 'idiv' end
                V.__close = function(a) print('closed', a) end
                local a, b = setmetatable({x = 1}, V), setmetatable({x = 2}, V)
                print(tostring(a + b), a == b, a < b, a <= b, #b, b(10), a .. b, a .. 'z', -a, a // b)
                do local c <close> = setmetatable({x = 9}, V) print('in block') end
                local t = setmetatable({}, {__index = function(t, k) return k .. '!' end, __newindex = function(t, k, v) rawset(t, k, v * 2) end})
                t.y = 21
                print(t.x, t.y, rawget(t, 'x'))
                print(pcall(function() return {} < {} end))
                print(pcall(function() local u = setmetatable({}, {__name = 'MyType'}) return u + 1 end))
                """),
        .init(
            label: "to-be-closed and const errors",
            code: """
                print(load('local x <const> = 1; x = 2'))
                print(pcall(function() local x <close> = 42 end))
                print(load('local x <foo> = 1'))
                """),
        .init(
            label: "coroutines",
            code: """
                local co = coroutine.create(function(a, b)
                  print('start', a, b)
                  local c = coroutine.yield(a + b)
                  print('got', c)
                  local d, e = coroutine.yield(c * 2)
                  return d + e
                end)
                print(coroutine.resume(co, 1, 2))
                print(coroutine.status(co), coroutine.resume(co, 10))
                print(coroutine.resume(co, 3, 4))
                print(coroutine.status(co), coroutine.resume(co))
                local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
                print(gen(), gen(), gen())
                print(coroutine.isyieldable(), type(coroutine.running()), select(2, coroutine.running()))
                local bad = coroutine.wrap(function() error('inside') end)
                print(pcall(bad))
                local tbl = coroutine.wrap(function() error({code = 7}) end)
                local ok, err = pcall(tbl)
                print(ok, type(err), err.code)
                local c2 = coroutine.create(function() coroutine.yield() end)
                coroutine.resume(c2)
                print(coroutine.close(c2), coroutine.status(c2))
                print(select('#', coroutine.running()), coroutine.resume(coroutine.running()))
                print(pcall(coroutine.yield))
                """),
        .init(
            label: "uncaught error in a coroutine via wrap",
            code: """
                local f = coroutine.wrap(function() local x = nil; return x.field end)
                f()
                """),
        .init(
            label: "error objects that are tables",
            code: """
                local ok, e = pcall(error, {code = 1})
                print(ok, type(e), e.code)
                print(select(2, pcall(error, setmetatable({}, {__tostring = function() return 'custom' end}))))
                error({code = 2})
                """),
        .init(
            label: "error object with __tostring, uncaught",
            code: """
                error(setmetatable({}, {__tostring = function() return 'my error object' end}))
                """),
        .init(
            label: "error with level",
            code: """
                local function f(level) error('boom', level) end
                local function g(level) f(level) end
                print(pcall(g, 1))
                print(pcall(g, 2))
                print(pcall(g, 0))
                g(2)
                """),
        .init(label: "error with nil", code: "error()"),
        .init(
            label: "runtime error names the variable",
            code: """
                local t = {}
                print(pcall(function() return t.x.y end))
                print(pcall(function() return 1 + t.field end))
                print(pcall(function() return #nil end))
                print(pcall(function() return 1 // 0 end))
                print(pcall(function() return 1 % 0 end))
                print(1 // 0.0, -1 % math.huge)
                print(pcall(function() undefinedfunction() end))
                print(pcall(function() return ('x') < 1 end))
                local up = 5
                print(pcall(function() return up() end))
                """),
        .init(label: "syntax error in the script", code: "local x = = 1\n"),
        .init(
            label: "stack overflow",
            code: """
                local function r() return 1 + r() end
                local ok, err = pcall(r)
                print(ok, err)
                local function s() s() end
                s()
                """),
        .init(
            label: "string coercions",
            code: """
                print('10' + 1, '3' * '4', 10 .. 20, '0x10' + 0, ' 5 ' * 2, 2^'3')
                print(pcall(function() return 'a' + 1 end))
                print(tonumber('0x10'), tonumber('10', 2), tonumber(' 1e1 '), tonumber('1e'), tonumber('z', 36), tonumber('8', 8))
                print(tostring(nil), tostring(true), tonumber(''), tonumber('inf'), tonumber('nan'), math.tointeger(3.0))
                """),
    ]

    static let libraryCases: [SideBySideCase] = [
        .init(
            label: "string library",
            code: """
                print(('x'):rep(3, ','), ('hello world'):find('o w'), ('hello'):find('l+'), ('abc'):upper(), ('%d'):format(5))
                print(('hello world'):gsub('o', '0'), ('abc'):gsub('%w', '%0%0'), ('x = 1, y = 2'):gsub('(%w+) = (%w+)', '%2 = %1'))
                print(('THE (quick) fox'):find('%((%a+)%)'), ('key=val'):match('(%w+)=(%w+)'), ('f(a(b)c)'):match('%b()'))
                print(('THE quick'):gsub('%f[%a]%a+', string.lower), ('abc'):byte(1, -1), string.char(72, 105))
                print(pcall(string.rep, 'x', -1), pcall(string.gsub, 'x', '(', ''), ('abc'):sub(-2), ('abc'):sub(5))
                for k, v in string.gmatch('a=1, b=2', '(%w+)=(%w+)') do io.write(k, v, ';') end print()
                print(('%5s|%-5s|'):format('ab', 'cd'), ('x'):rep(0), #('\\u{10FFFF}'), ('a,b,,c'):gsub(',', ';', 2))
                """),
        .init(
            label: "string.pack and unpack",
            code: """
                local s = string.pack('i4 i8 d z s1', 7, -2, 1.5, 'zs', 'ab')
                print(#s, string.unpack('i4 i8 d z s1', s))
                print(string.packsize('i4 i8 d'), pcall(string.packsize, 'z'), string.unpack('<I2', '\\1\\2'), string.unpack('>I2', '\\1\\2'))
                print(pcall(string.pack, 'i1', 200), string.pack('B', 255):byte())
                """),
        .init(
            label: "utf8 library",
            code: """
                print(utf8.char(72, 228, 8364, 128512), utf8.len('häll€'), utf8.len('\\xff'), utf8.charpattern)
                for p, c in utf8.codes('aé€') do io.write(p, ':', c, ' ') end print()
                print(utf8.codepoint('héllo', 1, -1))
                print(utf8.offset('aé€x', 3), pcall(utf8.codepoint, '\\xff'))
                print(pcall(function() for p, c in utf8.codes('a\\xffb') do end end))
                """),
        .init(
            label: "table library",
            code: """
                local t = {5, 2, 8, 1}
                table.sort(t) print(table.concat(t, ','))
                table.sort(t, function(a, b) return a > b end) print(table.concat(t, ','))
                table.insert(t, 3) table.insert(t, 1, 0) print(table.concat(t, ' '), table.remove(t), table.remove(t, 1))
                print(table.unpack({1, 2, 3})) print(table.unpack({1, 2, 3}, 2, 3))
                print(table.concat(table.move({1, 2, 3}, 1, 3, 2), ','), select('#', table.unpack({}, 1, 3)))
                print(pcall(table.concat, {1, {}, 3}), pcall(table.insert, {1}, 5, 2))
                print(table.pack(1, nil, 3).n, pcall(table.sort, {3, 2, 1, 4, 5}, function(a, b) return true end))
                print(next({}), rawlen({1, 2}), rawequal(t, t), select('#', nil, nil), select(-1, 1, 2, 3))
                local p = setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, 'one' end end, t, nil end})
                for k, v in pairs(p) do print('pairs', k, v) end
                """),
        .init(
            label: "math library, random not compared",
            code: """
                print(math.floor(3.7), math.ceil(-3.7), math.abs(math.mininteger), math.max(1, 5, 3), math.min(2.5, 1))
                print(math.fmod(7, 3), math.fmod(-7, 3), pcall(math.fmod, 1, 0), math.sqrt(16), math.huge, -math.huge)
                print(math.ult(1, -1), math.tointeger('8'), math.floor(-0.0), 3 | 5, 6 & 3, 1 << 63, ~0, 5 ~ 3)
                local r = math.random(1, 10) print(r >= 1 and r <= 10, math.type(math.random(5)), math.random() < 1)
                print(pcall(math.random, 2, 1), pcall(math.floor, 'x'))
                """),
        .init(
            label: "collectgarbage options",
            code: """
                print(math.type(collectgarbage('count')), collectgarbage('isrunning'), collectgarbage())
                print(collectgarbage('incremental'), collectgarbage('generational'), collectgarbage('incremental'))
                collectgarbage('stop') print(collectgarbage('isrunning')) collectgarbage('restart') print(collectgarbage('isrunning'))
                print(type(collectgarbage('step')), pcall(collectgarbage, 'bogus'))
                local closed = false
                setmetatable({}, {__gc = function() closed = true end})
                collectgarbage() collectgarbage()
                print(closed)
                """),
        .init(
            label: "warn on, off and in parts",
            code: """
                warn('not shown')
                warn('@on')
                warn('one ', 'two')
                warn('@off')
                warn('hidden')
                warn('@on')
                warn('@unknown')
                warn('last')
                print(pcall(warn), pcall(warn, {}))
                """),
        .init(
            label: "error in __gc is a warning",
            code: """
                warn('@on')
                setmetatable({}, {__gc = function() error('in gc') end})
                collectgarbage()
                print('after')
                """),
        .init(
            label: "print and io.write share one buffer",
            code: """
                io.write('a') print('b') io.write('c', 1, 2.5, '\\n')
                io.stdout:write('d'):write('e\\n')
                io.stderr:write('to stderr\\n')
                print(io.write('x') == io.stdout)
                io.stdout:setvbuf('no') io.write('unbuffered\\n') print('printed')
                """),
        .init(
            label: "print with __tostring and __name",
            code: """
                print(setmetatable({}, {__tostring = function() return 'T' end}), nil, false)
                print(pcall(print, setmetatable({}, {__tostring = function() return 1 end})))
                print((tostring(setmetatable({}, {__name = 'Named'})):gsub('0x%x+', 'ADDR')))
                """),
        .init(
            label: "io.read from stdin",
            code: """
                print(io.read('n', 'n'))
                print(io.read('l'))
                print(io.read('L'))
                print(io.read(3), io.read(0))
                print(io.read('a'))
                print(io.read('l'), io.read(0), io.read('a'))
                print(pcall(io.read, 'x'))
                """, stdin: "12 3.5 rest of line\nsecond\nabcdef\nlast"),
        .init(
            label: "io.lines over stdin",
            code: """
                for line in io.lines() do io.write('[', line, ']') end print()
                """, stdin: "one\ntwo\n\nfour"),
        .init(
            label: "io.stdin:seek on a pipe",
            code: """
                print(io.stdin:seek())
                print(io.stdin:seek('set', 0))
                print(io.type(io.stdin), io.type(42), tostring(io.stdin):match('^file %('))
                print(io.read('a'))  -- reads it all: a child that exits first would end the writer with SIGPIPE
                """, stdin: "data\n"),
        .init(
            label: "files: io.open, io.lines, seek",
            code: """
                local f = assert(io.open('out.txt', 'w'))
                f:write('alpha\\n', 42, '\\n', 3.5, '\\nlast')
                f:close()
                print(pcall(f.write, f, 'x'), io.type(f))
                for l in io.lines('out.txt') do io.write('<', l, '>') end print()
                for a, b in io.lines('out.txt', 1, 'l') do io.write(a, '|', b, ';') end print()
                local g = io.open('out.txt')
                print(g:read('l', 'n', 'n'), g:seek('cur'), g:seek('end'), g:seek('set', 2), g:read(3))
                g:close()
                print(io.open('/nonexistent/x', 'r'))
                print(pcall(io.lines, '/nonexistent/x'))
                print(pcall(io.open, 'out.txt', 'q'))
                print(os.remove('out.txt'), os.remove('out.txt'))
                """),
        .init(
            label: "load with env, modes and errors",
            code: """
                print(load('return x', 'chunk', 't', {x = 5})())
                print(load('return 1 +', '=mine'))
                print(load('\\27Lua', 'bin', 't'))
                print(load(string.dump(function() return 7 end), 'b', 'b')())
                local parts = {'return ', '1', ' + 2'}
                local i = 0
                print(load(function() i = i + 1 return parts[i] end)())
                print(pcall(load, 'x', 'n', 'q'))
                local env = {}
                load('y = 3', 'c', 't', env)()
                print(env.y, y)
                print(select('#', load('syntax error here')))
                print(dofile == nil, pcall(dofile, '/nonexistent/file.lua'))
                """),
        .init(
            label: "require of a local module",
            code: """
                local m = require('mymod')
                print(m.answer, package.loaded.mymod == m, select(2, require('mymod')))
                print(pcall(require, 'no_such_module_here'))
                """, files: ["mymod.lua": "print('loading', ...) return { answer = 42 }"]),
        .init(
            label: "package.loadlib and searchpath",
            code: """
                print(package.loadlib('/nonexistent.so', 'f'))
                print(package.searchpath('mymod', './?.lua'))
                print(package.searchpath('nomod', './?.lua;./?/init.lua'))
                print(package.config:sub(1, 1), type(package.searchers), #package.searchers)
                """, files: ["mymod.lua": "return {}"]),
        .init(
            label: "os library",
            code: """
                print(os.time({year = 2020, month = 1, day = 1, hour = 12}) - os.time({year = 2020, month = 1, day = 1, hour = 0}))
                print(os.date('!%Y-%m-%d %H:%M:%S', 86400), os.date('!*t', 0).year, type(os.clock()))
                print(pcall(os.date, '%Ez'), os.getenv('AIKIT_SIDE_BY_SIDE'), os.getenv('NO_SUCH_VARIABLE_X'))
                print(pcall(os.time, {year = 2020}), os.difftime(10, 5))
                """, environment: ["AIKIT_SIDE_BY_SIDE": "set"]),
    ]

    static let interpreterCases: [SideBySideCase] =
        [
            .init(
                label: "arg table and varargs",
                code: """
                    print(#arg, arg[0], arg[1], arg[2], arg[3])
                    print(select('#', ...), ...)
                    -- arg[-1] and below hold the interpreter's own command line: lua5.4 vs aikit script --verbose
                    -- (an intentional difference), so only their presence is compared.
                    print(type(arg[-1]), arg[4])
                    """, arguments: ["one", "two words", ""]),
            .init(label: "os.exit with a status", code: "io.write('buffered, no newline') os.exit(3)"),
            .init(label: "os.exit(true) and (false)", code: "print('t') os.exit(true)"),
            .init(label: "os.exit(false)", code: "io.stdout:write('f\\n') os.exit(false)"),
            .init(label: "os.exit() default", code: "print('default') os.exit()"),
            .init(
                label: "os.exit in a nested call",
                code: """
                    local function deep(n) if n == 0 then os.exit(5) end deep(n - 1) end
                    pcall(function() coroutine.wrap(function() deep(10) end)() end)
                    print('not reached')
                    """),
            .init(
                label: "os.exit closing the state runs finalizers",
                code: """
                    setmetatable({}, {__gc = function() print('finalized') end})
                    local t <close> = setmetatable({}, {__close = function() print('closed') end})
                    os.exit(0, true)
                    """),
            .init(
                label: "os.exit without closing skips finalizers",
                code: """
                    setmetatable({}, {__gc = function() print('finalized') end})
                    os.exit(2, false)
                    """),
            .init(
                label: "script from standard input", code: "print('from stdin', ...) print(arg[0])",
                arguments: ["x"], scriptFromStandardInput: true),
            .init(
                label: "-e and -l before the script", code: "print(PRE, mymod.answer)",
                files: ["mymod.lua": "return { answer = 42 }"],
                interpreterArguments: ["-e", "PRE = 'set'", "-l", "mymod"]),
            .init(label: "error in -e", code: "print('never')", interpreterArguments: ["-e", "error('in option')"]),
            .init(
                label: "-l of a missing module", code: "print('never')",
                interpreterArguments: ["-l", "nosuchmodule_xyz"]),
            .init(label: "LUA_INIT code", code: "print(INIT)", environment: ["LUA_INIT": "INIT = 'from init'"]),
            .init(
                label: "LUA_INIT_5_4 wins over LUA_INIT", code: "print(INIT)",
                environment: ["LUA_INIT": "INIT = 'plain'", "LUA_INIT_5_4": "INIT = 'versioned'"]),
            .init(
                label: "LUA_INIT file", code: "print(INIT)", files: ["init.lua": "INIT = 'file'"],
                environment: ["LUA_INIT": "@init.lua"]),
            .init(label: "missing script file", code: "print('never')", interpreterArguments: ["nonexistent.lua"]),
        ] + optionCases

    /// lua.c 5.4's options and forms (lua.c's `collectargs`, `runargs` and `handle_script`).
    static let optionCases: [SideBySideCase] = [
        .init(
            label: "-eCODE and -lMOD joined", code: "print(X, mymod.answer)",
            files: ["mymod.lua": "return { answer = 42 }"], interpreterArguments: ["-eX = 'joined'", "-lmymod"]),
        .init(
            label: "-l g=mod names the global", code: "print(g.answer, mymod)",
            files: ["mymod.lua": "return { answer = 42 }"], interpreterArguments: ["-l", "g=mymod"]),
        .init(
            label: "-l mod-v2 keeps the whole name as the global (lua.c 5.4.4)",
            code: "print(_G['mod-v2'].answer, mod, v2)", files: ["mod-v2.lua": "return { answer = 2 }"],
            interpreterArguments: ["-l", "mod-v2"]),
        .init(
            label: "-E ignores LUA_INIT and LUA_PATH",
            code: "print(INIT, package.path:find('nowhere', 1, true), package.cpath:find('nowhere', 1, true))",
            environment: ["LUA_INIT": "INIT = 'read'", "LUA_PATH": "/nowhere/?.lua", "LUA_CPATH": "/nowhere/?.so"],
            interpreterArguments: ["-E"]),
        .init(
            label: "LUA_PATH without -E", code: "print(package.path)", environment: ["LUA_PATH": "/somewhere/?.lua"]),
        .init(
            label: "-W turns warnings on, in order with -e", code: "warn('from the script')",
            interpreterArguments: ["-e", "warn('before -W')", "-W", "-e", "warn('after -W')"]),
        .init(label: "-v prints the version, then runs the script", code: "print('ran')", interpreterArguments: ["-v"]),
        .init(label: "-v with -e", code: "print('ran')", interpreterArguments: ["-v", "-e", "print('e')"]),
        .init(label: "-- ends the options", code: "print('ran', ...)", arguments: ["-e"], interpreterArguments: ["--"]),
        .init(
            label: "-- - runs the file named -", code: "print('never')", files: ["-": "print('file named -', arg[0])"],
            interpreterArguments: ["--"], scriptPart: ["-"]),
        .init(
            label: "-- - without such a file", code: "print('never')", interpreterArguments: ["--"], scriptPart: ["-"]),
        .init(
            label: "standard input is the script when none is named",
            code: "print('from stdin', select('#', ...), type(arg[0]))", scriptFromStandardInput: true,
            scriptPart: []),
        .init(
            label: "an error in an unnamed standard-input script is reported with status 0, as lua.c",
            code: "print('before') error('boom')", scriptFromStandardInput: true, scriptPart: []),
        .init(
            label: "-l then standard input", code: "print(mymod.answer)", files: ["mymod.lua": "return { answer = 7 }"],
            interpreterArguments: ["-l", "mymod"], scriptFromStandardInput: true, scriptPart: []),
        .init(
            label: "-W and -E still read standard input", code: "warn('w') print(INIT)",
            environment: ["LUA_INIT": "INIT = 1"], interpreterArguments: ["-W", "-E"], scriptFromStandardInput: true,
            scriptPart: []),
        .init(
            label: "-e only: standard input is not read", code: "print('never')",
            interpreterArguments: ["-e", "print(#arg > 0)"], scriptFromStandardInput: true, scriptPart: []),
        .init(
            label: "plain lua globals after setmetatable(_G, nil) (module globals off)",
            code: """
                cost = cost or 0; cost = cost + 3; market = market or 'none'; plugins = plugins or 'none'
                print(cost, market, plugins, aikit, chart, compliance)
                """,
            interpreterArguments: ["-e", "setmetatable(_G, nil)"]),
    ]
}
