// One log line, e.g. 2024-03-01T09:00:01Z /api/users?id=42 200 35.
data class Entry(val timestamp: String, val target: String, val status: Int, val latency: Int)

// Returns the output lines, one "endpoint count errors p95" per endpoint,
// sorted by endpoint.
fun aggregate(entries: List<Entry>): List<String> {
    val lines = mutableListOf<String>()
    // TODO: aggregate the entries.
    return lines
}

fun main() {
    val data = System.`in`.bufferedReader().readText().split(' ', '\n', '\r', '\t').filter { it.isNotEmpty() }
    val n = data[0].toInt()
    val entries = List(n) { i ->
        val k = 1 + 4 * i
        Entry(data[k], data[k + 1], data[k + 2].toInt(), data[k + 3].toInt())
    }
    val out = StringBuilder()
    for (line in aggregate(entries)) out.append(line).append('\n')
    print(out)
}
