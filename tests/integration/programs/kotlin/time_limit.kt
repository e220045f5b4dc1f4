fun main() {
    readLine()
    var sum = readLine()!!.trim().split(' ').filter { it.isNotEmpty() }.map { it.toLong() }.sum()
    while (true) sum = (sum * 31 + 7) % 1000003
}
