use std::io::{self, Read, Write};

/// adj[u] lists (v, w): a one-way road u -> v taking w minutes.
/// Returns dist[1..n] (dist[0] is unused): the shortest travel time from
/// depot 1, or -1 for nodes that cannot be reached.
fn shortest_distances(n: usize, adj: &[Vec<(usize, i64)>]) -> Vec<i64> {
    let _ = adj;
    // TODO: compute the distances.
    vec![-1; n + 1]
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut it = input.split_ascii_whitespace().map(|t| t.parse::<i64>().unwrap());
    let n = it.next().unwrap() as usize;
    let m = it.next().unwrap() as usize;
    let mut adj: Vec<Vec<(usize, i64)>> = vec![Vec::new(); n + 1];
    for _ in 0..m {
        let u = it.next().unwrap() as usize;
        let v = it.next().unwrap() as usize;
        let w = it.next().unwrap();
        adj[u].push((v, w));
    }
    let dist = shortest_distances(n, &adj);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for d in &dist[1..] {
        writeln!(out, "{}", d).unwrap();
    }
}
