use std::io::{self, Read};

fn main() {
    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let mut it = input.split_ascii_whitespace().map(|t| t.parse::<i64>().unwrap());
    let n = it.next().unwrap();
    let sum: i64 = it.sum();
    let zero = n - n;
    println!("{}", sum / zero); // panics: attempt to divide by zero (exit status 101)
}
