input()
total = sum(map(int, input().split()))
while True:
    total += 1
