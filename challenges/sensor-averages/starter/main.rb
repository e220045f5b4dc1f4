data = STDIN.read.split
n, a, b = data[0].to_i, data[1].to_i, data[2].to_i
readings = [] # [time, sensor name, value]
n.times do |i|
  t, name, v = data[3 + 3 * i, 3]
  readings << [t.to_i, name, v.to_f]
end

# TODO: for every sensor, sorted by name, compute its time-weighted average
# over [a, b] (or '-') and add a line format('%s %.9f', name, avg) to out
out = []
STDOUT.write(out.map { |s| s + "\n" }.join)
