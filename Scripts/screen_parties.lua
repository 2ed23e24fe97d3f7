#!/usr/bin/env -S aikit script
-- Screen a CSV of counterparties (name,country,date) against the restricted-party lists on each row's date.
--   aikit script Scripts/screen_parties.lua [FILE.csv] [--threshold 0.8] [--list CSL.json|CSL.csv]
-- Defaults to Scripts/examples/counterparties.csv and aikit's bundled Entity List sample.
local here = arg[0]:match("^(.*)/[^/]*$") or "."
local file, threshold = here .. "/examples/counterparties.csv", 0.8
local i = 1
while i <= #arg do
  if arg[i] == "--threshold" then threshold = tonumber(arg[i + 1]) i = i + 2
  elseif arg[i] == "--list" then print(("imported %d parties from %s"):format(compliance.import_parties(arg[i + 1]), arg[i + 1])) i = i + 2
  else file = arg[i] i = i + 1 end
end
if not threshold or threshold <= 0 or threshold > 1 then
  io.stderr:write("screen_parties.lua: --threshold takes a number in (0, 1]\n")
  os.exit(2)
end

local input, err = io.open(file)
if not input then io.stderr:write("screen_parties.lua: ", err, "\n") os.exit(2) end
local header = input:read("l")
if header ~= "name,country,date" then
  io.stderr:write(("%s:1: expected the header name,country,date, got %q\n"):format(file, header or ""))
  os.exit(2)
end

print(("%-52s %-3s %-10s %-6s %s"):format("counterparty", "cc", "date", "score", "listed party (list, listed on, citation)"))
local line_number, hits = 1, 0
for line in input:lines() do
  line_number = line_number + 1
  local name, country, date = line:match("^(.-),(%a%a),(%d%d%d%d%-%d%d%-%d%d)$")
  if not name then
    io.stderr:write(("%s:%d: expected name,country,YYYY-MM-DD, got %q\n"):format(file, line_number, line))
    os.exit(2)
  end
  local matches = compliance.screen(name, { date = date, country = country, threshold = threshold })
  local best = matches[1]
  if best then
    hits = hits + 1
    print(("%-52s %-3s %-10s %-6.2f %s (%s, %s, %s)"):format(name, country, date, best.score, best.name,
      best.list:match("^(.-)%s*%(") or best.list, best.listed_on or "?", best.federal_register_notice or "?"))
  else
    print(("%-52s %-3s %-10s %-6s %s"):format(name, country, date, "-", "no match"))
  end
end
input:close()
print(("%d of %d counterparties matched a listed party on their date (threshold %.2f)"):format(hits, line_number - 1, threshold))
