n = int(input())
numbers = list(map(int, input().split()))
assert len(numbers) == n
print(sum(numbers))
