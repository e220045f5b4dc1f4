n = int(input())
total = sum(map(int, input().split()))
print(total // (n - n))
