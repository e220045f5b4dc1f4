n = $stdin.gets.to_i
# TODO: this tries every number in turn; find the secret number within the allowed guesses
(1..n).each do |guess|
  puts "guess #{guess}"
  # flush sends the line now: without it the guess waits in a buffer
  # while your program waits for the reply, and the judge never sees it.
  $stdout.flush
  reply = $stdin.gets
  break if reply.nil? || reply.strip != 'higher' # "correct": stop, printing nothing more
end
