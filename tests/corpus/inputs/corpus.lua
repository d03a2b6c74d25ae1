-- A deterministic workload for the Lua interpreter of the corpus: tables,
-- strings, closures, coroutines and errors caught with pcall, each printing
-- what it computed.
local function sieve(n)
  local composite, primes = {}, {}
  for i = 2, n do
    if not composite[i] then
      primes[#primes + 1] = i
      for j = i * i, n, i do composite[j] = true end
    end
  end
  return primes
end

local primes = sieve(200000)
print("primes", #primes, primes[#primes])

local words = {}
for i = 1, 20000 do
  words[#words + 1] = string.format("w%05d", (i * 7919) % 20011)
end
table.sort(words)
print("sorted", words[1], words[#words], table.concat(words, "", 100, 104))

local counts = {}
for _, w in ipairs(words) do
  local key = w:sub(2, 3)
  counts[key] = (counts[key] or 0) + 1
end
local keys = {}
for k in pairs(counts) do keys[#keys + 1] = k end
table.sort(keys)
local summary = {}
for i = 1, #keys, 10 do summary[#summary + 1] = keys[i] .. "=" .. counts[keys[i]] end
print("counts", table.concat(summary, " "))

local function counter(step)
  local total = 0
  return function() total = total + step; return total end
end
local c = counter(3)
for _ = 1, 100000 do c() end
print("closure", c())

local producer = coroutine.wrap(function()
  for i = 1, 50000 do coroutine.yield(i * i % 1009) end
end)
local sum = 0
for _ = 1, 50000 do sum = sum + producer() end
print("coroutine", sum)

local caught = 0
for i = 1, 20000 do
  local ok = pcall(function() if i % 3 == 0 then error("bad " .. i) end return i end)
  if not ok then caught = caught + 1 end
end
print("errors", caught)

local text = string.rep("the quick brown fox jumps over the lazy dog ", 2000)
local replaced, n = text:gsub("(%w+)", function(w) return w:upper():reverse() end)
print("gsub", n, #replaced, replaced:sub(1, 40))
