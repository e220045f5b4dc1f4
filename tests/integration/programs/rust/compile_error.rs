fn main() {
    let total: i64 = "sum";
    println!("{}", total);
}
