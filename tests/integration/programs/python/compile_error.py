n = int(input())

def total(numbers:
    return sum(numbers)

print(total(map(int, input().split())))
