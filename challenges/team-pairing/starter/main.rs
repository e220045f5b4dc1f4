use std::io::{self, Read, Write};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut it = input.split_ascii_whitespace();
    let n: usize = it.next().unwrap().parse().unwrap();
    let d: i64 = it.next().unwrap().parse().unwrap();
    let mut skill = Vec::with_capacity(2 * n); // skill[i] is the rating of developer i + 1
    let mut role = Vec::with_capacity(2 * n); // b'S' (senior) or b'J' (junior)
    for _ in 0..2 * n {
        skill.push(it.next().unwrap().parse::<i64>().unwrap());
        role.push(it.next().unwrap().as_bytes()[0]);
    }

    let mut out = io::BufWriter::new(io::stdout().lock());
    // TODO: find n valid pairs and print them as "a b" lines (1-based numbers),
    // e.g. writeln!(out, "{} {}", a, b), or print IMPOSSIBLE
    let _ = (d, &skill, &role);
    out.flush().unwrap();
}
