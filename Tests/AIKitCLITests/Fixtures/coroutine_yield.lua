-- Yielding across a C boundary (here table.sort's comparator) is an ordinary error.
local co = coroutine.create(function()
  table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end)
end)
local ok, err = coroutine.resume(co)
print(ok, err)
-- A coroutine that calls host functions works normally.
local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(aikit.inspect({i})) end end)
print(gen(), gen(), gen())
