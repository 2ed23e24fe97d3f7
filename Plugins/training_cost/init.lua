-- What-if training cost from the command line, with its own formatting module (a folder plugin).
--   aikit training-cost MODEL GPU TOKENS MFU PRICE [GPUS]
--   e.g. aikit training-cost DeepSeek-V3 H100 14.8e12 0.39 2.5 2048
local format = require "training_cost.format"

return aikit.plugin{
  name = "training_cost",
  version = "1.0",
  description = "Training GPU-hours, days and dollars for a model, chip, token count, MFU and price.",
  requires = { aikit = ">=0.1" },
  commands = {
    ["training-cost"] = {
      help = "training-cost MODEL GPU TOKENS MFU PRICE [GPUS]",
      run = function(args)
        if #args < 5 then
          error("usage: aikit training-cost MODEL GPU TOKENS MFU PRICE [GPUS]", 0)
        end
        local r = cost.training{ model = args[1], gpu = args[2], tokens = tonumber(args[3]), mfu = tonumber(args[4]),
          price_per_gpu_hour = tonumber(args[5]), gpus = args[6] and math.tointeger(tonumber(args[6])) or nil }
        print(format.summary(r))
        return { gpu_hours = r.gpu_hours, cost_usd = r.cost_usd, days = r.days }
      end,
    },
  },
}
