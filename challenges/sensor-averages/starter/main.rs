use std::io::{self, Read, Write};

#[allow(dead_code)]
struct Reading {
    time: i64,
    name: String,
    value: f64,
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut it = input.split_ascii_whitespace();
    let n: usize = it.next().unwrap().parse().unwrap();
    let a: i64 = it.next().unwrap().parse().unwrap();
    let b: i64 = it.next().unwrap().parse().unwrap();
    let mut readings = Vec::with_capacity(n);
    for _ in 0..n {
        let time = it.next().unwrap().parse().unwrap();
        let name = it.next().unwrap().to_string();
        let value = it.next().unwrap().parse().unwrap();
        readings.push(Reading { time, name, value });
    }

    let mut out = io::BufWriter::new(io::stdout().lock());
    // TODO: for every sensor, sorted by name, compute its time-weighted average
    // over [a, b] (or "-") and print it, e.g. writeln!(out, "{} {:.9}", name, avg)
    let _ = (a, b, &readings);
    out.flush().unwrap();
}
