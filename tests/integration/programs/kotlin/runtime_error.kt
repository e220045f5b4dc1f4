fun main() {
    val n = readLine()!!.trim().toInt()
    val sum = readLine()!!.trim().split(' ').filter { it.isNotEmpty() }.map { it.toLong() }.sum()
    val zero = (n - n).toLong()
    println(sum / zero) // java.lang.ArithmeticException: / by zero
}
