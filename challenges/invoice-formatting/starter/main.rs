use std::io::{self, Read, Write};

struct Line {
    qty: i64,
    price: i64,   // in cents
    name: String, // may contain spaces
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut lines = input.lines();
    let head: Vec<usize> = lines.next().unwrap().split_ascii_whitespace().map(|t| t.parse().unwrap()).collect();
    let (n, w, r) = (head[0], head[1], head[2]);
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        // The name is the rest of the line, spaces and all.
        let mut parts = lines.next().unwrap().splitn(3, ' ');
        let qty = parts.next().unwrap().parse().unwrap();
        let price = parts.next().unwrap().parse().unwrap();
        let name = parts.next().unwrap().trim_end_matches('\r').to_string();
        items.push(Line { qty, price, name });
    }

    let mut out = io::BufWriter::new(io::stdout().lock());
    // TODO: merge equal items, lay out the invoice and print it with
    // writeln!(out, ...) (use i64 for money)
    let _ = (w, r, &items);
    out.flush().unwrap();
}
