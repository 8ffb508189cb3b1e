IO.puts(:ok)
