/**
 * Java's main class is found from the compiled classes, whatever it is called
 * and however visible it is (issue 16): a Kattis submission is often a
 * non-public `class TestHello` in `TestHello.java`, which the judge saves as
 * Main.java. Real java image, the `sum` fixture package.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { JudgeResult } from '../../server/src/contracts/index.ts';
import { expectDockerClean, judgeSource, SUM_PACKAGE } from '../support/sandbox.ts';

const SUM_BODY = `
    java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
    int n = Integer.parseInt(in.readLine().trim());
    java.util.StringTokenizer tokens = new java.util.StringTokenizer(in.readLine());
    long sum = 0;
    for (int i = 0; i < n; i++) sum += Long.parseLong(tokens.nextToken());
    System.out.println(sum);`;

const mainMethod = (body = SUM_BODY) => `public static void main(String[] args) throws Exception {${body}\n  }`;

function expectAccepted(result: JudgeResult): void {
  if (result.verdict !== 'accepted') console.error(JSON.stringify(result, null, 2));
  expect(result.verdict).toBe('accepted');
  expect(result.score).toBe(100);
}

describe('Java main class', () => {
  afterAll(expectDockerClean);

  it.each([
    ['a non-public class with any name', `class TestHello {\n  ${mainMethod()}\n}\n`],
    ['a final package-private class beside a helper class', `final class Helper { static int one() { return 1; } }\n\nfinal class Zz_Solution$1 {\n  ${mainMethod()}\n}\n`],
    ['a class with a non-ASCII name', `class Lösning {\n  ${mainMethod()}\n}\n`],
    ['an interface', `interface Solver {\n  ${mainMethod().replace('public static', 'static')}\n}\n`],
    ['a record', `record Sum(long value) {\n  ${mainMethod()}\n}\n`],
    ['a class in a package', `package se.kodbro.demo;\n\npublic class Program {\n  ${mainMethod()}\n}\n`],
    ['main in a static nested class only', `public class Outer {\n  static class Inner {\n    ${mainMethod()}\n  }\n}\n`],
  ])('runs %s', async (_what, source) => {
    expectAccepted(await judgeSource(SUM_PACKAGE, 'java', source));
  });

  it('prefers the top-level class that holds main over helpers with a main of their own', async () => {
    const source = `class Debug {\n  public static void main(String[] args) { System.out.println(-1); }\n  static class Nested { ${mainMethod('System.out.println(-2);')} }\n}\n\npublic class Answer {\n  ${mainMethod()}\n}\n`;
    expectAccepted(await judgeSource(SUM_PACKAGE, 'java', source));
  });

  it('is a compile error, with a message, when no class has a launchable main', async () => {
    const source = 'class NoEntry {\n  static void main(String[] args) { System.out.println(6); }\n}\n';
    const result = await judgeSource(SUM_PACKAGE, 'java', source);
    expect(result.verdict).toBe('compile_error');
    expect(result.compileOutput).toMatch(/no class has a method public static void main\(String\[\] args\)/);
  });

  it('keeps javac\'s own messages for a source that does not compile', async () => {
    const result = await judgeSource(SUM_PACKAGE, 'java', 'class Broken {\n  public static void main(String[] args) { int x = }\n}\n');
    expect(result.verdict).toBe('compile_error');
    expect(result.compileOutput).toMatch(/Main\.java:2: error: illegal start of expression/);
  });
});
