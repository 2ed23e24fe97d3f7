-- A market-model event study from the command line, on the bundled sample or a store of your own.
--   aikit event-study [--store PATH] [SYMBOLS] [EVENT_DATE] [BENCHMARK]    e.g. aikit event-study NVDA,VST 2025-01-27
--   aikit --allow event_study:write:/data event-study --store /data/market.sqlite NVDA 2025-01-27   (your own store)
--   plugins.event_study["event-study"]("NVDA", "2025-01-27")     -- from a script: returns the summary rows
return aikit.plugin{
  name = "event_study",
  version = "1.0",
  description = "Abnormal returns around an event (market model) for symbols of the sample or of $AIKIT_DB.",
  requires = { aikit = ">=0.1" },
  commands = {
    ["event-study"] = {
      help = "abnormal returns around an event: event-study [--store PATH] [SYMBOLS] [DATE] [BENCHMARK]",
      run = function(args)
        -- The sample needs no permission; a store of your own needs write access to its folder (SQLite's WAL).
        local store = market.sample()
        if args[1] == "--store" then
          store = market.open(assert(args[2], "--store needs a path"))
          args = { table.unpack(args, 3) }
        end
        local symbols = {}
        for symbol in (args[1] or "NVDA,AVGO,TSM,VST,CEG"):gmatch("[^,]+") do symbols[#symbols + 1] = symbol end
        local event, benchmark = args[2] or "2025-01-27", args[3] or "SPY"
        local before = #store:bars{ symbols = benchmark, to = event } - 1
        local study = market.event_study{ store = store, symbols = symbols, benchmark = benchmark, event = event,
          window = { -1, 3 }, estimation = { -math.min(before - 1, 120), -2 }, min_observations = 10 }
        print(("event %s (day 0 %s), benchmark %s, CAR over [-1,+3]"):format(event, study.event, benchmark))
        print(study.summary:select("symbol", "beta", "car", "car_t", "n_estimation"))
        return study.summary:totable()
      end,
    },
  },
}
