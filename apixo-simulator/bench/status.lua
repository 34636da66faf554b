-- wrk script: GET statusTask round-robin over the task paths listed in $TASKS_FILE, with a Bearer key.
local paths = {}
local key = os.getenv("APIXO_BENCH_KEY")
local counter = 0

for line in io.lines(os.getenv("TASKS_FILE")) do
  paths[#paths + 1] = line
end

function init(args)
  -- each thread starts at a different offset so threads do not hit the same task in lock step
  counter = math.random(#paths)
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. key })
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("requests=%d duration_s=%.1f rps=%.0f non2xx=%d connect_err=%d read_err=%d timeouts=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errors.status,
    errors.connect, errors.read, errors.timeout, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
