gets
total = gets.split.map(&:to_i).sum
loop do
  total = (total * 31 + 7) % 1_000_003
end
