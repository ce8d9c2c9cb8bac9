-- wrk script: each request approves a new approval item, read from approvals.txt ("itemId approvalItemId" lines).
-- Usage: wrk -s approve.lua ... http://127.0.0.1:PORT  (TOKEN and PAIRS in the environment)
local pairs_file = os.getenv("PAIRS")
local token = os.getenv("TOKEN")
local list = {}
for line in io.lines(pairs_file) do
  local item, approval = line:match("(%S+) (%S+)")
  list[#list + 1] = "/v2024/work-items/" .. item .. "/approve/" .. approval
end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  -- threads take interleaved slices so that no two requests decide the same approval item
  step = tonumber(os.getenv("THREADS") or "2")
  index = id
end

function request()
  local path = list[index]
  index = index + step
  if path == nil then
    path = list[1]
  end
  return wrk.format("POST", path, { ["Authorization"] = "Bearer " .. token,
                                    ["Content-Type"] = "application/x-www-form-urlencoded" }, "")
end
