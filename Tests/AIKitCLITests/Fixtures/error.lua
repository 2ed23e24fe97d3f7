local function inner()
  error("inner failure")
end

local function outer()
  inner()
end

outer()
