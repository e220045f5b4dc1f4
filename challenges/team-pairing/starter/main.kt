fun main() {
    val data = System.`in`.bufferedReader().readText().split(' ', '\n', '\r', '\t').filter { it.isNotEmpty() }
    val n = data[0].toInt()
    val d = data[1].toLong()
    val skill = LongArray(2 * n) { data[2 + 2 * it].toLong() } // skill[i] is the rating of developer i + 1
    val role = CharArray(2 * n) { data[3 + 2 * it][0] }         // 'S' (senior) or 'J' (junior)

    val out = StringBuilder()
    // TODO: find n valid pairs and append them as "a b" lines (1-based numbers)
    // to out, or print IMPOSSIBLE
    print(out)
}
