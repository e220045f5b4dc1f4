// start[i], end[i]: meeting i occupies [start[i], end[i]).
fun minRooms(start: LongArray, end: LongArray): Int {
    // TODO: return the minimum number of rooms needed.
    return 0
}

fun main() {
    val data = System.`in`.bufferedReader().readText().split(' ', '\n', '\r', '\t').filter { it.isNotEmpty() }
    val n = data[0].toInt()
    val start = LongArray(n) { data[1 + 2 * it].toLong() }
    val end = LongArray(n) { data[2 + 2 * it].toLong() }
    println(minRooms(start, end))
}
