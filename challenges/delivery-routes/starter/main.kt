// adj[u] is a list of (v, w): a one-way road u -> v taking w minutes.
fun shortestDistances(n: Int, adj: Array<MutableList<Pair<Int, Long>>>): LongArray {
    // TODO: return dist[1..n] (dist[0] is unused): the shortest travel time
    // from depot 1, or -1 for nodes that cannot be reached.
    return LongArray(n + 1) { -1L }
}

fun main() {
    val data = System.`in`.bufferedReader().readText().split(' ', '\n', '\r', '\t').filter { it.isNotEmpty() }
    val n = data[0].toInt()
    val m = data[1].toInt()
    val adj = Array(n + 1) { mutableListOf<Pair<Int, Long>>() }
    for (i in 0 until m) {
        val u = data[2 + 3 * i].toInt()
        val v = data[3 + 3 * i].toInt()
        val w = data[4 + 3 * i].toLong()
        adj[u].add(Pair(v, w))
    }
    val dist = shortestDistances(n, adj)
    val out = StringBuilder()
    for (i in 1..n) out.append(dist[i]).append('\n')
    print(out)
}
