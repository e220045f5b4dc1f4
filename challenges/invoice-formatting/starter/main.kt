fun main() {
    val reader = System.`in`.bufferedReader()
    val (n, w, r) = reader.readLine()!!.trim().split(' ').filter { it.isNotEmpty() }.map { it.toInt() }

    val qty = LongArray(n)
    val price = LongArray(n)           // in cents
    val name = Array(n) { "" }         // may contain spaces
    for (i in 0 until n) {
        val line = reader.readLine()!!.trimEnd('\r')
        val a = line.indexOf(' ')
        val b = line.indexOf(' ', a + 1)
        qty[i] = line.substring(0, a).toLong()
        price[i] = line.substring(a + 1, b).toLong()
        name[i] = line.substring(b + 1) // the rest of the line
    }

    val out = StringBuilder()
    // TODO: merge equal items, lay out the invoice and append its lines to out
    // (use Long for money)
    print(out)
}
