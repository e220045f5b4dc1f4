import type { FunctionSignature } from '../contracts/index.ts';
import { argumentsProblem, parseJson, valueProblem } from '../contracts/index.ts';

/** A signature challenge's test as files hold it: the arguments as a JSON array, the expected value as JSON. */
export function testDataProblem(signature: FunctionSignature, input: Buffer, answer: Buffer): string | undefined {
  const args = parseJson(input.toString('utf8'));
  if (!args.ok) return `the input (the arguments) is ${args.reason}`;
  const badArgs = argumentsProblem(signature, args.value);
  if (badArgs) return `the input: ${badArgs}`;
  const expected = parseJson(answer.toString('utf8'));
  if (!expected.ok) return `the answer (the expected value) is ${expected.reason}`;
  const badAnswer = valueProblem(signature.returns, expected.value, 'answer');
  return badAnswer ? `the answer: ${badAnswer}` : undefined;
}
