import type { FunctionSignature, ValueType } from '../../contracts/index.ts';
import { camel, pascal } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

/**
 * Haskell (GHC 9.0): the starter declares each record as `data` with record
 * syntax (deriving Show and Eq) and the function with its type signature,
 * importing Data.Map qualified as Map when a map is used. Integers are Int
 * (64-bit), floats Double, lists [a], maps Map.Map String a, an optional
 * Maybe a.
 *
 * The harness needs imports, which Haskell takes only before the first
 * declaration: they go after the candidate's file header (pragmas,
 * comments, a `module` line if any) and a LINE pragma puts the candidate's
 * next line back at its own number. Every import is qualified under a
 * Kodbro… alias, and the harness names the candidate's function and
 * constructors as Main.…, so no name of the candidate's can clash with the
 * harness's (nor an `import Prelude hiding (…)` of theirs break it). The
 * harness itself, after the candidate's code, is reported as
 * kodbro-harness.
 */
export const haskellCodegen: Codegen = {
  language: 'haskell',
  reserved: [
    // Keywords.
    'case', 'class', 'data', 'default', 'deriving', 'do', 'else', 'foreign', 'if', 'import', 'in', 'infix', 'infixl', 'infixr', 'instance',
    'let', 'module', 'newtype', 'of', 'then', 'type', 'where',
    // Prelude's types the starter and candidates' code name unqualified (a record Int would make Int ambiguous), and main.
    'int', 'integer', 'double', 'bool', 'char', 'string', 'maybe', 'main',
  ],
  starter(signature) {
    const lines: string[] = [];
    if (usesMap(signature)) lines.push('import qualified Data.Map as Map', '');
    for (const record of recordsOf(signature)) {
      const name = pascal(record.name);
      lines.push(
        `data ${name} = ${name}`,
        ...record.fields.map((f, i) => `  ${i === 0 ? '{' : ','} ${camel(f.name)} :: ${haskellType(f.type, false)}`),
        '  }',
        '  deriving (Show, Eq)',
        '',
      );
    }
    const name = camel(signature.name);
    const params = signature.params.map((p) => ` ${camel(p.name)}`).join('');
    lines.push(
      `${name} :: ${[...signature.params.map((p) => haskellType(p.type, false)), haskellType(signature.returns, false)].join(' -> ')}`,
      `${name}${params} =`,
      '  -- Write your solution here and return the result.',
      `  ${zero(signature.returns, false)}`,
      '',
    );
    return lines.join('\n');
  },
  program(signature, candidate) {
    const [head, rest, headLines] = splitHeader(candidate);
    const records = recordsOf(signature);
    const args = signature.params.map((p, i) => `      let (a${i}, kodbroRest${i + 1}) = ${read(p.type)} kodbroRest${i}`);
    const call = `Main.${camel(signature.name)}${signature.params.map((_, i) => ` a${i}`).join('')}`;
    const recordFunctions = records.flatMap((record) => {
      const name = pascal(record.name);
      const fields = record.fields.map((_, i) => `f${i}`);
      return [
        '',
        `kodbroReadRecord${name} :: KodbroTokens -> (Main.${name}, KodbroTokens)`,
        `kodbroReadRecord${name} t0 =`,
        ...record.fields.map((f, i) => `  case ${read(f.type)} t${i} of { (f${i}, t${i + 1}) ->`),
        `  (Main.${name}${fields.map((f) => ` ${f}`).join('')}, t${record.fields.length})${' }'.repeat(record.fields.length)}`,
        '',
        `kodbroPutRecord${name} :: Main.${name} -> KodbroBB.Builder`,
        `kodbroPutRecord${name} (Main.${name}${fields.map((f) => ` ${f}`).join('')}) =`,
        `  ${record.fields.map((f, i) => `${write(f.type)} f${i}`).join(' KodbroB.<> ')}`,
      ];
    });
    const run = [
      ...args,
      `      let kodbroResult = ${call}`,
      `          kodbroOutput = KodbroBB.toLazyByteString (${write(signature.returns)} kodbroResult)`,
    ].join('\n');
    const harness = HARNESS.replace('@RUN@', () => run).replace('@RECORDS@', () => recordFunctions.join('\n'));
    return [
      // Two records may share a field name (x and y of a point and of a rectangle).
      '{-# LANGUAGE DuplicateRecordFields #-}',
      ...(head === '' ? [] : [`{-# LINE 1 "${SOURCE}" #-}`, head.slice(0, -1)]),
      PRELUDE,
      `{-# LINE ${headLines + 1} "${SOURCE}" #-}`,
      `${rest}${rest.endsWith('\n') || rest === '' ? '' : '\n'}`,
      harness,
    ].join('\n');
  },
};

function usesMap(signature: FunctionSignature): boolean {
  const visit = (type: ValueType): boolean => {
    if (type.kind === 'map') return true;
    if (type.kind === 'record') return type.fields.some((f) => visit(f.type));
    return 'of' in type ? visit(type.of) : false;
  };
  return signature.params.some((p) => visit(p.type)) || visit(signature.returns);
}

/**
 * The candidate's file header — blank lines, comments, pragmas and a
 * `module … where` — which must stay before the imports; then the rest, and
 * how many lines the header took.
 */
function splitHeader(candidate: string): [string, string, number] {
  let at = 0;
  const skipSpace = () => {
    while (at < candidate.length && /\s/.test(candidate[at]!)) at++;
  };
  for (;;) {
    skipSpace();
    // A line comment: two or more dashes not followed by a symbol (--> is an operator).
    if (/^--+(?![-!#$%&*+./<=>?@\\^|~:])/.test(candidate.slice(at, at + 80))) {
      const end = candidate.indexOf('\n', at);
      at = end < 0 ? candidate.length : end;
    } else if (candidate.startsWith('{-', at)) {
      let depth = 0;
      while (at < candidate.length) {
        if (candidate.startsWith('{-', at)) {
          depth++;
          at += 2;
        } else if (candidate.startsWith('-}', at)) {
          depth--;
          at += 2;
          if (depth === 0) break;
        } else at++;
      }
    } else break;
  }
  const moduleHeader = /^module\b[\s\S]*?\bwhere\b/.exec(candidate.slice(at));
  if (moduleHeader) at += moduleHeader[0].length;
  // The header ends with the line it ends on, unless something else follows on that line.
  let end = at;
  while (end < candidate.length && candidate[end] !== '\n' && /\s/.test(candidate[end]!)) end++;
  const cut = end >= candidate.length ? candidate.length : candidate[end] === '\n' ? end + 1 : candidate.lastIndexOf('\n', at - 1) + 1;
  const head = candidate.slice(0, cut);
  const headLines = (head.match(/\n/g) ?? []).length + (head !== '' && !head.endsWith('\n') ? 1 : 0);
  return [head === '' || head.endsWith('\n') ? head : `${head}\n`, candidate.slice(cut), headLines];
}

function haskellType(type: ValueType, nested: boolean): string {
  const wrap = (text: string) => (nested ? `(${text})` : text);
  switch (type.kind) {
    case 'int':
      return 'Int';
    case 'float':
      return 'Double';
    case 'bool':
      return 'Bool';
    case 'string':
      return 'String';
    case 'list':
      return `[${haskellType(type.of, false)}]`;
    case 'map':
      return wrap(`Map.Map String ${haskellType(type.of, true)}`);
    case 'optional':
      return wrap(`Maybe ${haskellType(type.of, true)}`);
    case 'record':
      return pascal(type.name);
  }
}

/** A placeholder of the type, for the starter's body. */
function zero(type: ValueType, nested: boolean): string {
  switch (type.kind) {
    case 'int':
      return '0';
    case 'float':
      return '0.0';
    case 'bool':
      return 'False';
    case 'string':
      return '""';
    case 'list':
      return '[]';
    case 'map':
      return 'Map.empty';
    case 'optional':
      return 'Nothing';
    case 'record': {
      const text = `${pascal(type.name)}${type.fields.map((f) => ` ${zero(f.type, true)}`).join('')}`;
      return nested ? `(${text})` : text;
    }
  }
}

/** The harness's reader of the type: a function from tokens to the value and the tokens left. */
function read(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'kodbroInt';
    case 'float':
      return 'kodbroFloat';
    case 'bool':
      return 'kodbroBool';
    case 'string':
      return 'kodbroString';
    case 'list':
      return `(kodbroList ${read(type.of)})`;
    case 'map':
      return `(kodbroMap ${read(type.of)})`;
    case 'optional':
      return `(kodbroMaybe ${read(type.of)})`;
    case 'record':
      return `kodbroReadRecord${pascal(type.name)}`;
  }
}

/** The harness's writer of the type: a function from the value to its tokens. */
function write(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'kodbroPutInt';
    case 'float':
      return 'kodbroPutFloat';
    case 'bool':
      return 'kodbroPutBool';
    case 'string':
      return 'kodbroPutString';
    case 'list':
      return `(kodbroPutList ${write(type.of)})`;
    case 'map':
      return `(kodbroPutMap ${write(type.of)})`;
    case 'optional':
      return `(kodbroPutMaybe ${write(type.of)})`;
    case 'record':
      return `kodbroPutRecord${pascal(type.name)}`;
  }
}

/**
 * The file name the candidate's lines are reported under. Not the real
 * file's (main.hs): GHC quotes the named line of the named file under each
 * message, and the real file's line of that number is another one; a file
 * that is not there is quoted not at all.
 */
const SOURCE = 'Main.hs';

const PRELUDE = `import qualified Control.Exception as KodbroX
import qualified Data.ByteString.Builder as KodbroBB
import qualified Data.ByteString.Char8 as KodbroBS
import qualified Data.ByteString.Lazy as KodbroBL
import qualified Data.Char as KodbroC
import qualified Data.List as KodbroL
import qualified Data.Map.Strict as KodbroM
import qualified GHC.Base as KodbroB
import qualified GHC.Float as KodbroF
import qualified GHC.Num as KodbroN
import qualified GHC.Real as KodbroR
import qualified GHC.Show as KodbroS
import qualified System.IO as KodbroIO
import qualified Text.Read as KodbroRead`;

// Named without an extension so that a message about the harness is not taken for one about the candidate's line of that number.
const HARNESS = `{-# LINE 1 "kodbro-harness" #-}
-- ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.
type KodbroTokens = [KodbroBS.ByteString]

kodbroInt :: KodbroTokens -> (KodbroB.Int, KodbroTokens)
kodbroInt (t : ts) = case KodbroBS.readInt t of
  KodbroB.Just (n, _) -> (n, ts)
  KodbroB.Nothing -> KodbroB.errorWithoutStackTrace "kodbro: bad integer in the input"
kodbroInt [] = KodbroB.errorWithoutStackTrace "kodbro: the input ends early"

kodbroFloat :: KodbroTokens -> (KodbroB.Double, KodbroTokens)
kodbroFloat (t : ts) = (kodbroParseFloat (KodbroBS.unpack t), ts)
kodbroFloat [] = KodbroB.errorWithoutStackTrace "kodbro: the input ends early"

kodbroParseFloat :: KodbroB.String -> KodbroB.Double
kodbroParseFloat "nan" = 0 KodbroR./ 0
kodbroParseFloat "inf" = 1 KodbroR./ 0
kodbroParseFloat "-inf" = -1 KodbroR./ 0
kodbroParseFloat text = KodbroRead.read text

kodbroBool :: KodbroTokens -> (KodbroB.Bool, KodbroTokens)
kodbroBool ts = case kodbroInt ts of (n, rest) -> (n KodbroB./= 0, rest)

kodbroChar :: KodbroTokens -> (KodbroB.Char, KodbroTokens)
kodbroChar ts = case kodbroInt ts of (n, rest) -> (KodbroC.chr n, rest)

kodbroString :: KodbroTokens -> (KodbroB.String, KodbroTokens)
kodbroString = kodbroList kodbroChar

kodbroList :: (KodbroTokens -> (a, KodbroTokens)) -> KodbroTokens -> ([a], KodbroTokens)
kodbroList item ts = case kodbroInt ts of (n, rest) -> kodbroItems item n rest []

kodbroItems :: (KodbroTokens -> (a, KodbroTokens)) -> KodbroB.Int -> KodbroTokens -> [a] -> ([a], KodbroTokens)
kodbroItems item n ts acc =
  if n KodbroB.<= 0
    then (KodbroL.reverse acc, ts)
    else case item ts of (x, rest) -> x \`KodbroB.seq\` kodbroItems item (n KodbroN.- 1) rest (x : acc)

kodbroMap :: (KodbroTokens -> (a, KodbroTokens)) -> KodbroTokens -> (KodbroM.Map KodbroB.String a, KodbroTokens)
kodbroMap item ts = case kodbroList (kodbroEntry item) ts of (entries, rest) -> (KodbroM.fromList entries, rest)

kodbroEntry :: (KodbroTokens -> (a, KodbroTokens)) -> KodbroTokens -> ((KodbroB.String, a), KodbroTokens)
kodbroEntry item ts = case kodbroString ts of (key, rest) -> case item rest of (value, rest') -> ((key, value), rest')

kodbroMaybe :: (KodbroTokens -> (a, KodbroTokens)) -> KodbroTokens -> (KodbroB.Maybe a, KodbroTokens)
kodbroMaybe item ts = case kodbroInt ts of
  (0, rest) -> (KodbroB.Nothing, rest)
  (_, rest) -> case item rest of (x, rest') -> (KodbroB.Just x, rest')

kodbroPutInt :: KodbroB.Int -> KodbroBB.Builder
kodbroPutInt n = KodbroBB.intDec n KodbroB.<> KodbroBB.char7 ' '

kodbroPutFloat :: KodbroB.Double -> KodbroBB.Builder
kodbroPutFloat x =
  if KodbroF.isNaN x then KodbroBB.string7 "nan "
  else if KodbroF.isInfinite x then (if x KodbroB.> 0 then KodbroBB.string7 "inf " else KodbroBB.string7 "-inf ")
  else KodbroBB.string7 (KodbroS.show x) KodbroB.<> KodbroBB.char7 ' '

kodbroPutBool :: KodbroB.Bool -> KodbroBB.Builder
kodbroPutBool b = kodbroPutInt (if b then 1 else 0)

kodbroPutString :: KodbroB.String -> KodbroBB.Builder
kodbroPutString = kodbroPutList (\\c -> kodbroPutInt (KodbroC.ord c))

kodbroPutList :: (a -> KodbroBB.Builder) -> [a] -> KodbroBB.Builder
kodbroPutList item xs = kodbroPutInt (KodbroL.length xs) KodbroB.<> KodbroB.mconcat (KodbroB.map item xs)

kodbroPutMap :: (a -> KodbroBB.Builder) -> KodbroM.Map KodbroB.String a -> KodbroBB.Builder
kodbroPutMap item m = kodbroPutList (\\(key, value) -> kodbroPutString key KodbroB.<> item value) (KodbroM.toList m)

kodbroPutMaybe :: (a -> KodbroBB.Builder) -> KodbroB.Maybe a -> KodbroBB.Builder
kodbroPutMaybe _ KodbroB.Nothing = kodbroPutInt 0
kodbroPutMaybe item (KodbroB.Just x) = kodbroPutInt 1 KodbroB.<> item x
@RECORDS@

main :: KodbroB.IO ()
main = do
  kodbroInput <- KodbroBS.getContents
  case KodbroBS.words kodbroInput of
    [] -> KodbroB.errorWithoutStackTrace "kodbro: no input"
    (kodbroNonce : kodbroRest0) -> do
@RUN@
      -- The whole result is computed before anything is written, so what the function prints comes first.
      _ <- KodbroX.evaluate (KodbroBL.length kodbroOutput)
      KodbroIO.hFlush KodbroIO.stdout
      KodbroBL.hPut KodbroIO.stdout (KodbroBB.toLazyByteString (KodbroBB.char7 '\\n' KodbroB.<> KodbroBB.byteString kodbroNonce KodbroB.<> KodbroBB.char7 ' ' KodbroB.<> KodbroBB.lazyByteString kodbroOutput KodbroB.<> KodbroBB.char7 '\\n'))
      KodbroIO.hFlush KodbroIO.stdout
`;
