import { describe, expect, it } from 'vitest';
import { STATEMENT_CAPS } from '../caps.ts';
import { parseStatement } from '../markdown.ts';
import { latexParseRefusal } from './guard.ts';
import { latexToMarkdown } from './index.ts';

const md = (tex: string, files: string[] = []) => latexToMarkdown(tex, files).markdown;

describe('latexToMarkdown', () => {
  it('maps the common statement commands; math stays math', () => {
    const tex = [
      '\\problemname{Bus fares}',
      '% a comment',
      "A \\emph{long} and \\textbf{bold} line with $x_i \\le 10^6$ and \\texttt{a\\_b}; 50\\% -- ``done''.",
      '\\section*{Input}',
      '\\begin{itemize}',
      '  \\item one',
      '  \\item two',
      '\\end{itemize}',
      '\\begin{enumerate}',
      '\\item first \\unknown{kept}',
      '\\end{enumerate}',
      '\\subsection*{Note}',
      '\\begin{verbatim}',
      '  raw % text',
      '\\end{verbatim}',
      '\\includegraphics[width=3cm]{bus}',
    ].join('\n');
    const converted = latexToMarkdown(tex, ['bus.png']);
    expect(converted.title).toBe('Bus fares');
    expect(converted.markdown).toBe(
      [
        '# Bus fares',
        '',
        'A *long* and **bold** line with $x_{i} \\le 10^{6}$ and `a_b`; 50% – “done”.',
        '',
        '## Input',
        '',
        '- one',
        '- two',
        '',
        '1. first kept',
        '',
        '### Note',
        '',
        '```',
        '  raw % text',
        '```',
        '',
        '![](bus.png)',
        '',
      ].join('\n'),
    );
    expect(converted.issues).toEqual([{ severity: 'warning', message: 'uses LaTeX commands Kodbro leaves out (their arguments stay as text): \\unknown' }]);
  });

  it('prefers %% plainproblemname for the title', () => {
    expect(latexToMarkdown('%% plainproblemname: x^2 + y^2\n\\problemname{$x^2+y^2$}\n').title).toBe('x^2 + y^2');
  });

  it('escapes what Markdown would read as syntax, so the text reads back the same', () => {
    const converted = md('Stars *a* and _b_, [c](d), <e>, `f`, \\#1, \\$2 and \\$3, 1. not a list, | pipe, \\textbackslash{}n.');
    const text = JSON.stringify(parseStatement(converted, []).doc.children);
    expect(text).toBe(JSON.stringify([{ type: 'paragraph', children: ['Stars *a* and _b_, [c](d), <e>, ‘f‘, #1, $2 and $3, 1. not a list, | pipe, \\n.'] }]));
  });

  it('tables: the first row is the header; alignment from the column spec; \\multicolumn spans', () => {
    expect(md('\\begin{tabular}{|l|c|r|}\\hline\na & b & c \\\\ \\hline\n\\multicolumn{2}{c}{both} & $x|y$ \\\\\n\\end{tabular}')).toBe(
      '| a | b | c |\n| :- | :-: | -: |\n| both | | $x\\|y$ |\n',
    );
  });

  it('nested lists, description lists, quotes and figures with captions', () => {
    expect(md('\\begin{itemize}\\item a\\begin{enumerate}\\item b\\item c\\end{enumerate}\\item d\\end{itemize}')).toBe('- a\n  1. b\n  2. c\n- d\n');
    expect(md('\\begin{description}\\item[Term] text\\end{description}')).toBe('- **Term** text\n');
    expect(md('\\begin{quote}Said.\\end{quote}')).toBe('> Said.\n');
    expect(md('\\begin{figure}\\centering\\includegraphics{a}\\caption{A graph}\\end{figure}', ['a.svg'])).toBe('![A graph](a.svg)\n');
    expect(md('\\illustration{.3}{tree.png}{A tree}\nText.', ['tree.png'])).toBe('![A tree](tree.png)\n\nText.\n');
  });

  it('links, verbatim with a language, accents, typography and the 2023-07 Input environment', () => {
    expect(md('\\url{https://a.example/x_y} \\href{https://b.example}{B}')).toBe('<https://a.example/x_y> [B](https://b.example)\n');
    expect(md('\\begin{lstlisting}[language=Python]\nprint("x")\n\\end{lstlisting}')).toBe('```python\nprint("x")\n```\n');
    expect(md("Sch\\\"on, caf\\'e, \\c{c}a, na\\\"{\\i}ve, \\o re, Sk\\aa ne --- ok~now \\ldots")).toBe('Schön, café, ça, naïve, øre, Skåne — ok\u00a0now …\n');
    expect(md('\\begin{Input}Two numbers.\\end{Input}')).toBe('## Input\n\nTwo numbers.\n');
    expect(md('a\\\\b\\\\[2pt]c')).toBe('a\\\nb\\\nc\n');
  });

  it('display math in all its forms, as $$ blocks', () => {
    expect(md('$$a$$ \\[b\\] \\begin{equation*}c\\end{equation*} \\begin{align*}d&=e\\end{align*}')).toBe(
      '$$\na\n$$\n\n$$\nb\n$$\n\n$$\nc\n$$\n\n$$\n\\begin{align*}\nd&=e\n\\end{align*}\n$$\n',
    );
  });

  it('shows a source the parser must not see as LaTeX source, with the reason', () => {
    const converted = latexToMarkdown('%% plainproblemname: Broken\n\\section{Input} {unclosed');
    expect(converted.title).toBe('Broken');
    expect(converted.markdown).toBe('# Broken\n\n```latex\n%% plainproblemname: Broken\n\\section{Input} {unclosed\n```\n');
    expect(converted.issues).toEqual([{ severity: 'warning', message: 'has a { without its }; it is shown to candidates as LaTeX source' }]);
  });
});

describe('latexParseRefusal', () => {
  it('accepts what LaTeX compiles: escaped braces, comments, verbatim and \\verb hold no structure', () => {
    expect(latexParseRefusal('a \\{ b \\} c % } comment\n\\verb|{| \\begin{verbatim}\n}}}\n\\end{verbatim} $x$ $$y$$ \\(z\\) \\[w\\] \\\\[2pt]')).toBeUndefined();
  });

  it('refuses unbalanced, too deep or too large sources', () => {
    expect(latexParseRefusal('\\section{'.repeat(3))).toBe('has a { without its }');
    expect(latexParseRefusal('}{')).toBe('has a } without its {');
    expect(latexParseRefusal('\\begin{itemize}\\item x')).toBe('has a \\begin without its \\end');
    expect(latexParseRefusal('\\end{itemize}')).toBe('has an \\end without its \\begin');
    expect(latexParseRefusal('$x')).toBe('has $ math without its end');
    expect(latexParseRefusal('$x$$')).toBe('mixes $ and $$ math');
    expect(latexParseRefusal('\\[ \\[')).toBe('opens \\[ inside math');
    expect(latexParseRefusal('\\verb|x')).toBe('has a \\verb without its end');
    expect(latexParseRefusal('\\begin{verbatim} x')).toBe('has a verbatim environment without its \\end');
    const depth = STATEMENT_CAPS.maxLatexGroupDepth + 1;
    expect(latexParseRefusal(`${'{'.repeat(depth)}${'}'.repeat(depth)}`)).toBe(`nests {…} groups more than ${STATEMENT_CAPS.maxLatexGroupDepth} deep`);
    const envs = STATEMENT_CAPS.maxLatexEnvironmentDepth + 1;
    expect(latexParseRefusal(`${'\\begin{quote}'.repeat(envs)}${'\\end{quote}'.repeat(envs)}`)).toBe(`nests environments more than ${STATEMENT_CAPS.maxLatexEnvironmentDepth} deep`);
    expect(latexParseRefusal('a'.repeat(STATEMENT_CAPS.maxLatexChars + 1))).toBe(`is longer than ${STATEMENT_CAPS.maxLatexChars / 1024} KB`);
  });
});
