# meetings: array of [start, end] pairs, each meeting occupies [start, end).
def min_rooms(meetings)
  # TODO: return the minimum number of rooms needed.
  0
end

data = STDIN.read.split.map(&:to_i)
n = data[0]
meetings = Array.new(n) { |i| [data[1 + 2 * i], data[2 + 2 * i]] }
puts min_rooms(meetings)
