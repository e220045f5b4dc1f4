# entries: array of [timestamp, target, status, latency], e.g.
# ["2024-03-01T09:00:01Z", "/api/users?id=42", 200, 35].
def aggregate(entries)
  # TODO: return the output lines, one "endpoint count errors p95" string
  # per endpoint, sorted by endpoint.
  []
end

data = STDIN.read.split
n = data[0].to_i
entries = Array.new(n) do |i|
  timestamp, target, status, latency = data[1 + 4 * i, 4]
  [timestamp, target, status.to_i, latency.to_i]
end
lines = aggregate(entries)
STDOUT.write(lines.join("\n") + "\n") unless lines.empty?
