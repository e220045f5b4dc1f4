fun main() {
    val n = readLine()!!.trim().toLong()
    // TODO: this tries every number in turn; find the secret number within the allowed guesses
    var guess = 1L
    while (guess <= n) {
        println("guess $guess")
        // flush sends the line now: without it the guess may wait in a buffer
        // while your program waits for the reply, and the judge never sees it.
        System.out.flush()
        val reply = readLine()?.trim()
        if (reply != "higher") break // "correct": stop, printing nothing more
        guess++
    }
}
