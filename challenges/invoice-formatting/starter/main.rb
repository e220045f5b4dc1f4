lines = STDIN.read.split("\n")
n, w, r = lines[0].split.map(&:to_i)
items = [] # [quantity, unit price in cents, name]
lines[1, n].each do |line|
  # the name is the rest of the line and may contain spaces
  q, p, name = line.chomp("\r").split(/ /, 3)
  items << [q.to_i, p.to_i, name]
end

# TODO: merge equal items, lay out the invoice and add its lines to out
out = []
STDOUT.write(out.map { |s| s + "\n" }.join)
