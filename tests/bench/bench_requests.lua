-- wrk script for bench-server.sh: replays prepared requests round robin and reports the
-- latency percentiles, every status code seen and, for status callbacks, what the store made of
-- them (applied, stale, duplicate).
--
-- REQUESTS_FILE: one request per line, PATH<TAB>X-Twilio-Signature<TAB>BODY (a form), or, with
-- JSON_BODY set, the same JSON body for every request to the path given in JSON_PATH.
-- API_TOKEN, when set, is sent as the bearer token.

local threads = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
    table.insert(threads, thread)
end

function init(args)
    statuses = {}
    results = {}
    requests = {}
    local token = os.getenv("API_TOKEN")
    local json_body = os.getenv("JSON_BODY")
    if json_body ~= nil and json_body ~= "" then
        local headers = { ["Content-Type"] = "application/json" }
        if token ~= nil and token ~= "" then
            headers["Authorization"] = "Bearer " .. token
        end
        requests[1] = wrk.format("POST", os.getenv("JSON_PATH"), headers, json_body)
    else
        for l in io.lines(os.getenv("REQUESTS_FILE")) do
            local path, signature, body = l:match("^([^\t]*)\t([^\t]*)\t(.*)$")
            local headers = {
                ["Content-Type"] = "application/x-www-form-urlencoded",
                ["X-Twilio-Signature"] = signature,
            }
            requests[#requests + 1] = wrk.format("POST", path, headers, body)
        end
    end
    -- Thread i starts at the i-th of THREADS equal slices (sign_webhooks.py cuts the status
    -- file so: each slice names calls of its own), so they do not send the same request at once.
    local thread_count = tonumber(os.getenv("THREADS") or "2")
    next_index = (id - 1) * math.floor(#requests / thread_count)
end

function request()
    next_index = next_index % #requests + 1
    return requests[next_index]
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
    local result = body:match('"result":"(%a+)"')
    if result ~= nil then
        results[result] = (results[result] or 0) + 1
    end
end

function done(summary, latency, requests)
    local codes = {}
    local non2xx = 0
    local outcomes = {}
    for _, thread in ipairs(threads) do
        for result, count in pairs(thread:get("results")) do
            outcomes[result] = (outcomes[result] or 0) + count
        end
        for status, count in pairs(thread:get("statuses")) do
            codes[status] = (codes[status] or 0) + count
            if status < 200 or status > 299 then
                non2xx = non2xx + count
            end
        end
    end
    local seconds = summary.duration / 1e6
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
        summary.errors.timeout
    local listed = {}
    for status, count in pairs(codes) do
        listed[#listed + 1] = string.format("%d:%d", status, count)
    end
    table.sort(listed)
    local made = {}
    for result, count in pairs(outcomes) do
        made[#made + 1] = string.format("%s:%d", result, count)
    end
    table.sort(made)
    local results = ""
    if #made > 0 then
        results = " results=" .. table.concat(made, ",")
    end
    io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d " ..
        "socket_errors=%d codes=%s p90_ms=%.2f p99.9_ms=%.2f max_ms=%.2f%s\n", summary.requests,
        summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        non2xx, errors,
        table.concat(listed, ","), latency:percentile(90) / 1000,
        latency:percentile(99.9) / 1000, latency.max / 1000, results))
end
