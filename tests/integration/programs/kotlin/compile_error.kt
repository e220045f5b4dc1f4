fun main() {
    val n: Int = readLine()!!.trim().toInt()
    val total: Int = "sum"
    println(n + total)
}
