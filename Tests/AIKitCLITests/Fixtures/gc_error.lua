-- An error inside a finalizer must not crash the host (Lua turns it into a warning).
for i = 1, 10 do
  setmetatable({}, { __gc = function() error("finalizer " .. i) end })
end
collectgarbage()
collectgarbage()
print("survived")
