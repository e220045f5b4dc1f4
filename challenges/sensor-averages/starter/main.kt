fun main() {
    val data = System.`in`.bufferedReader().readText().split(' ', '\n', '\r', '\t').filter { it.isNotEmpty() }
    val n = data[0].toInt()
    val a = data[1].toLong()
    val b = data[2].toLong()
    val time = LongArray(n) { data[3 + 3 * it].toLong() }
    val name = Array(n) { data[4 + 3 * it] }
    val value = DoubleArray(n) { data[5 + 3 * it].toDouble() }

    val out = StringBuilder()
    // TODO: for every sensor, sorted by name, compute its time-weighted average
    // over [a, b] (or "-") and append a line to out, e.g.
    // out.append(name).append(' ').append(String.format("%.9f", avg)).append('\n')
    print(out)
}
