use std::io::{self, Read};

/// meetings: (start, end) pairs, each meeting occupies [start, end).
fn min_rooms(meetings: &[(i64, i64)]) -> usize {
    let _ = meetings;
    // TODO: return the minimum number of rooms needed.
    0
}

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut it = input.split_ascii_whitespace().map(|t| t.parse::<i64>().unwrap());
    let n = it.next().unwrap() as usize;
    let meetings: Vec<(i64, i64)> = (0..n).map(|_| (it.next().unwrap(), it.next().unwrap())).collect();
    println!("{}", min_rooms(&meetings));
}
