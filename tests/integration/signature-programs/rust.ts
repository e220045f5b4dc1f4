import { rustCodegen } from '../../../server/src/signatures/codegen/rust.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = rustCodegen;

const GRID = (body: string) => `fn grid_sum(grid: Vec<Vec<i64>>) -> i64 {
    let sum: i64 = grid.iter().map(|row| row.iter().sum::<i64>()).sum();
${body}}
`;

export const programs: SignaturePrograms = {
  accepted: {
    merge: `#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    pub start: i32,
    pub end: i32,
}

fn merge_intervals(mut intervals: Vec<Interval>) -> Vec<Interval> {
    intervals.sort_by_key(|i| i.start);
    let mut merged: Vec<Interval> = Vec::new();
    for i in intervals {
        match merged.last_mut() {
            Some(last) if i.start <= last.end => last.end = last.end.max(i.end),
            _ => merged.push(i),
        }
    }
    merged
}
`,
    grid: GRID('    sum\n'),
    mean: `use std::collections::HashMap;

fn mean_of(lists: HashMap<String, Vec<i32>>, key: Option<String>) -> Option<f64> {
    let values = lists.get(&key?)?;
    if values.is_empty() {
        return None;
    }
    Some(values.iter().map(|&v| v as i64).sum::<i64>() as f64 / values.len() as f64)
}
`,
    echo: `use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bundle {
    pub big: i64,
    pub small: i32,
    pub ratio: f64,
    pub flag: bool,
    pub text: String,
    pub words: Vec<String>,
    pub table: HashMap<String, i32>,
    pub maybe: Option<Vec<f64>>,
}

fn echo_all(values: Bundle) -> Bundle {
    values.clone()
}
`,
  },
  wrongGrid: GRID('    sum + 1\n'),
  throwingGrid: GRID('    panic!("no {}", sum)\n'),
  printingGrid: GRID('    println!("debug");\n    print!("partial");\n    sum\n'),
  forgingGrid: GRID('    use std::io::Write;\n    println!("00000000000000000000000000000000 999");\n    std::io::stdout().flush().unwrap();\n    std::process::exit(if sum == sum { 0 } else { 1 })\n'),
};
