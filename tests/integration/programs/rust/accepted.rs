use std::io::{self, Read};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut it = input.split_ascii_whitespace().map(|t| t.parse::<i64>().unwrap());
    let n = it.next().unwrap() as usize;
    let numbers: Vec<i64> = it.collect();
    assert_eq!(numbers.len(), n);
    println!("{}", numbers.iter().sum::<i64>());
}
