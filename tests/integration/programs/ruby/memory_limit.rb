gets
total = gets.split.map(&:to_i).sum
chunks = []
while chunks.size < 4096
  # A fresh 1 MiB string each time, every byte written.
  chunks << ((chunks.size % 251 + 1).chr * (1 << 20))
end
puts total + chunks.size
