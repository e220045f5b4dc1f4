fun main() {
    readLine()
    val numbers = readLine()!!.trim().split(' ').filter { it.isNotEmpty() }.map { it.toLong() }
    println(numbers.sum() + 1)
}
