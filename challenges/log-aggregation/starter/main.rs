use std::io::{self, Read, Write};

/// One log line, e.g. 2024-03-01T09:00:01Z /api/users?id=42 200 35.
#[allow(dead_code)]
struct Entry {
    timestamp: String,
    target: String,
    status: u32,
    latency: u64,
}

/// The output lines, one "endpoint count errors p95" per endpoint, sorted by endpoint.
fn aggregate(entries: &[Entry]) -> Vec<String> {
    let lines = Vec::new();
    let _ = entries;
    // TODO: aggregate the entries.
    lines
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut it = input.split_ascii_whitespace();
    let n: usize = it.next().unwrap().parse().unwrap();
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        entries.push(Entry {
            timestamp: it.next().unwrap().to_string(),
            target: it.next().unwrap().to_string(),
            status: it.next().unwrap().parse().unwrap(),
            latency: it.next().unwrap().parse().unwrap(),
        });
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in aggregate(&entries) {
        writeln!(out, "{}", line).unwrap();
    }
}
