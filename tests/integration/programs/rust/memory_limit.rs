fn main() {
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    while chunks.len() < 4096 {
        // vec![x; n] with x != 0 writes every byte: every page is touched.
        chunks.push(vec![(chunks.len() % 251 + 1) as u8; 1 << 20]);
    }
    println!("{} {}", chunks.len(), chunks[7][77]);
}
