input()
total = sum(map(int, input().split()))
chunks = []
while len(chunks) < 4096:
    # A fresh 1 MiB object each time, every byte written.
    chunks.append(bytes([len(chunks) % 251 + 1]) * (1 << 20))
print(total + len(chunks))
