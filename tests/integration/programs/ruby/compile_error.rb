n = gets.to_i

def total(numbers
  numbers.sum
end

puts total(gets.split.map(&:to_i))
