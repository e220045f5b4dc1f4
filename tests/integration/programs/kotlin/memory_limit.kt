fun main() {
    // The heap is capped at the test's limit (-Xmx): the JVM runs out of heap
    // and exits with status 3 (-XX:+ExitOnOutOfMemoryError).
    val chunks = ArrayList<ByteArray>()
    while (chunks.size < 4096) {
        val chunk = ByteArray(1 shl 20)
        chunk.fill((chunks.size % 251 + 1).toByte())
        chunks.add(chunk)
    }
    println(chunks.size)
}
