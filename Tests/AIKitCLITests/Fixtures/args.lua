#!/usr/bin/env -S aikit script
-- Prints what the interpreter passed, one fact a line.
print("n", select("#", ...))
print("varargs", ...)
print("arg0", arg[0])
print("arg1", arg[1], "arg2", arg[2], "argn", #arg)
print("negative", arg[-1] ~= nil)
print("pre", PRE)
