# adj[u] is a list of [v, w]: a one-way road u -> v taking w minutes.
def shortest_distances(n, adj)
  # TODO: return an array of n values, the shortest travel time from depot 1
  # to nodes 1..n, with -1 for nodes that cannot be reached.
  Array.new(n, -1)
end

data = STDIN.read.split.map(&:to_i)
n, m = data[0], data[1]
adj = Array.new(n + 1) { [] }
m.times do |i|
  u, v, w = data[2 + 3 * i, 3]
  adj[u] << [v, w]
end
dist = shortest_distances(n, adj)
STDOUT.write(dist.join("\n") + "\n")
