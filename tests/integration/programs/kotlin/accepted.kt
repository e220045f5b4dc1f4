fun main() {
    val n = readLine()!!.trim().toInt()
    val numbers = readLine()!!.trim().split(' ').filter { it.isNotEmpty() }.map { it.toLong() }
    check(numbers.size == n)
    println(numbers.sum())
}
