local x = 1
local y = 2
if x then
  y = = 3
end
