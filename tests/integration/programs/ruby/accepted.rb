n = gets.to_i
numbers = gets.split.map(&:to_i)
raise 'count' unless numbers.size == n
puts numbers.sum
