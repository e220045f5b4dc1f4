n = gets.to_i
total = gets.split.map(&:to_i).sum
puts total / (n - n) # ZeroDivisionError
