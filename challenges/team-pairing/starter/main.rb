data = STDIN.read.split
n, d = data[0].to_i, data[1].to_i
skill = [] # skill[i] is the rating of developer i + 1
role = []  # 'S' (senior) or 'J' (junior)
(2 * n).times do |i|
  skill << data[2 + 2 * i].to_i
  role << data[3 + 2 * i]
end

# TODO: find n valid pairs and add them as "a b" lines (1-based numbers)
# to out, or print IMPOSSIBLE
out = []
STDOUT.write(out.map { |s| s + "\n" }.join)
