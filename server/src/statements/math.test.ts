import { describe, expect, it } from 'vitest';
import { MATHML_ATTRIBUTES, MATHML_TAGS, type MathNode } from '../contracts/index.ts';
import { STATEMENT_CAPS } from './caps.ts';
import { texToMathml } from './math.ts';

function walk(node: MathNode, visit: (node: MathNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) if (typeof child === 'object') walk(child, visit);
}

describe('texToMathml', () => {
  it('gives only allowed elements and attributes: no styles, classes, links or colours', () => {
    const tags = new Set<string>(MATHML_TAGS);
    const attributes = new Set<string>(MATHML_ATTRIBUTES);
    const inputs = ['\\color{red}{x} \\textcolor{blue}{y}', '\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}', '\\cancel{x} \\boxed{y} \\overline{ab}', '\\mathcal{O}(n \\log n) \\quad \\mathbb{R}'];
    for (const tex of inputs) {
      const mathml = texToMathml(tex, true);
      expect(mathml, tex).toBeDefined();
      walk(mathml!, (node) => {
        expect(tags.has(node.tag), node.tag).toBe(true);
        for (const name of Object.keys(node.attrs ?? {})) expect(attributes.has(name), name).toBe(true);
      });
      expect(JSON.stringify(mathml)).not.toMatch(/"(?:style|class|href|id)"|red|blue/);
    }
  });

  it('refuses what it cannot show faithfully: errors, links, loops and formulas over the caps', () => {
    expect(texToMathml('\\frac{1}{', false)).toBeUndefined();
    expect(texToMathml('\\href{https://evil.example}{x}', false)).toBeUndefined();
    expect(texToMathml('\\includegraphics{x.png}', false)).toBeUndefined();
    expect(texToMathml('\\def\\a{\\a\\a}\\a', false)).toBeUndefined();
    expect(texToMathml('x+'.repeat(STATEMENT_CAPS.maxFormulaChars), false)).toBeUndefined();
    expect(texToMathml(`${'{'.repeat(200)}x${'}'.repeat(200)}`, false)).toBeDefined();
    expect(texToMathml(`${'\\sqrt{'.repeat(60)}x${'}'.repeat(60)}`, false)).toBeUndefined(); // deeper than the cap
  });
});
