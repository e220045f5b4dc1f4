import type { ValueType } from '../../contracts/index.ts';
import { camel, pascal } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

/** The namespace the starter declares: the candidate's function and classes may then share a name with PHP's own (count, end, Closure…). */
const NAMESPACE = 'Solution';

/**
 * PHP 8: int (64-bit), float, bool, string (UTF-8), arrays for lists and maps
 * (PHP turns a key such as "7" into the integer 7; the harness writes it
 * back as a string), null for an absent optional; records are classes with
 * promoted public typed properties, declared in the starter. The harness is
 * appended after the candidate's code in one closure, with every function
 * and constant of PHP's fully qualified, so nothing the candidate declares
 * in the namespace can stand in for them.
 */
export const phpCodegen: Codegen = {
  language: 'php',
  reserved: [
    // Keywords: no function or class may take them (case-insensitive, so else_if's elseIf is elseif).
    'abstract', 'and', 'array', 'as', 'break', 'callable', 'case', 'catch', 'class', 'clone', 'const', 'continue', 'declare', 'default', 'die', 'do',
    'echo', 'else', 'elseif', 'empty', 'enddeclare', 'endfor', 'endforeach', 'endif', 'endswitch', 'endwhile', 'eval', 'exit', 'extends', 'final',
    'finally', 'fn', 'for', 'foreach', 'function', 'global', 'goto', 'if', 'implements', 'include', 'instanceof', 'insteadof', 'interface', 'isset',
    'list', 'match', 'namespace', 'new', 'or', 'print', 'private', 'protected', 'public', 'readonly', 'require', 'return', 'static', 'switch',
    'throw', 'trait', 'try', 'unset', 'use', 'var', 'while', 'xor', 'yield',
    'else_if', 'end_if', 'end_for', 'end_foreach', 'end_for_each', 'end_switch', 'end_while', 'end_declare', 'for_each', 'is_set', 'un_set', 'go_to',
    'instance_of', 'instead_of', 'name_space',
    // Type names no class may take.
    'int', 'float', 'bool', 'string', 'true', 'false', 'null', 'void', 'iterable', 'object', 'mixed', 'never', 'self', 'parent',
    // $this is no parameter.
    'this',
  ],
  starter(signature) {
    const lines: string[] = ['<?php', '', `namespace ${NAMESPACE};`, ''];
    for (const record of recordsOf(signature)) {
      lines.push(`class ${pascal(record.name)}`, '{');
      // PHPDoc says what the arrays hold.
      const docs = record.fields.filter((f) => docType(f.type) !== phpType(f.type)).map((f) => `@param ${docType(f.type)} $${camel(f.name)}`);
      if (docs.length) lines.push('    /**', ...docs.map((line) => `     * ${line}`), '     */');
      lines.push('    public function __construct(');
      lines.push(...record.fields.map((f) => `        public ${phpType(f.type)} $${camel(f.name)},`));
      lines.push('    ) {', '    }', '}', '');
    }
    const docs = [...signature.params.map((p) => `@param ${docType(p.type)} $${camel(p.name)}`), `@return ${docType(signature.returns)}`];
    lines.push('/**', ...docs.map((line) => ` * ${line}`), ' */');
    lines.push(`function ${camel(signature.name)}(${signature.params.map((p) => `${phpType(p.type)} $${camel(p.name)}`).join(', ')}): ${phpType(signature.returns)}`);
    lines.push('{', '    // Write your solution here and return the result.', `    return ${zeroValue(signature.returns)};`, '}', '');
    return lines.join('\n');
  },
  program(signature, candidate) {
    const params = `[${signature.params.map((p) => describe(p.type)).join(', ')}]`;
    const harness = HARNESS.replaceAll('@NAME@', camel(signature.name))
      .replace('@PARAMS@', params)
      .replace('@RETURNS@', describe(signature.returns));
    // The harness opens with <?php. A candidate who closed the tag at the end is in HTML mode; otherwise `?>`
    // closes PHP mode first (in the rare file that ends in HTML after other text, those two characters are printed).
    return /\?>\s*$/.test(candidate) ? `${candidate}${harness}` : `${candidate}\n?>${harness}`;
  },
};

function phpType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'list':
    case 'map':
      return 'array';
    case 'optional':
      return `?${phpType(type.of)}`;
    case 'record':
      return pascal(type.name);
  }
}

/** The type as PHPDoc (Psalm and PHPStan) spells it. */
function docType(type: ValueType): string {
  switch (type.kind) {
    case 'list':
      return `list<${docType(type.of)}>`;
    case 'map':
      return `array<string, ${docType(type.of)}>`;
    case 'optional':
      return `${docType(type.of)}|null`;
    default:
      return phpType(type);
  }
}

function zeroValue(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return '0';
    case 'float':
      return '0.0';
    case 'bool':
      return 'false';
    case 'string':
      return "''";
    case 'list':
    case 'map':
      return '[]';
    case 'optional':
      return 'null';
    case 'record':
      return `new ${pascal(type.name)}(${type.fields.map((f) => zeroValue(f.type)).join(', ')})`;
  }
}

/** The harness's view of a type: nested arrays; a record's class as ::class, so it resolves in the candidate's namespace. */
function describe(type: ValueType): string {
  switch (type.kind) {
    case 'list':
    case 'map':
    case 'optional':
      return `['${type.kind}', ${describe(type.of)}]`;
    case 'record':
      return `['record', ${pascal(type.name)}::class, [${type.fields.map((f) => `['${camel(f.name)}', ${describe(f.type)}]`).join(', ')}]]`;
    default:
      return `['${type.kind}']`;
  }
}

// Standard output is the candidate's too: their output buffers are flushed, then the result line is echoed.
const HARNESS = `<?php
// ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.
(static function (): void {
    $fail = static function (string $message): void {
        \\fwrite(\\STDERR, "Kodbro: $message\\n");
        exit(1);
    };
    $tokens = \\preg_split('/\\s+/', (string) \\stream_get_contents(\\STDIN), -1, \\PREG_SPLIT_NO_EMPTY);
    $count = \\count($tokens);
    $at = 0;
    $next = static function () use (&$tokens, &$at, $count, $fail): string {
        if ($at >= $count) {
            $fail('the input ended early');
        }
        return $tokens[$at++];
    };
    $utf8 = static function (int $c): string {
        if ($c < 0x80) {
            return \\chr($c);
        }
        if ($c < 0x800) {
            return \\chr(0xC0 | ($c >> 6)) . \\chr(0x80 | ($c & 0x3F));
        }
        if ($c < 0x10000) {
            return \\chr(0xE0 | ($c >> 12)) . \\chr(0x80 | (($c >> 6) & 0x3F)) . \\chr(0x80 | ($c & 0x3F));
        }
        return \\chr(0xF0 | ($c >> 18)) . \\chr(0x80 | (($c >> 12) & 0x3F)) . \\chr(0x80 | (($c >> 6) & 0x3F)) . \\chr(0x80 | ($c & 0x3F));
    };
    // A string's code points, or null when it is not valid UTF-8 (overlong forms and surrogates included).
    $codePoints = static function (string $s): ?array {
        $bytes = \\unpack('C*', $s);
        $n = \\count($bytes);
        $points = [];
        for ($i = 1; $i <= $n;) {
            $b = $bytes[$i];
            if ($b < 0x80) {
                $points[] = $b;
                $i++;
                continue;
            }
            if ($b >= 0xC2 && $b <= 0xDF) {
                [$length, $c, $min] = [2, $b & 0x1F, 0x80];
            } elseif ($b >= 0xE0 && $b <= 0xEF) {
                [$length, $c, $min] = [3, $b & 0x0F, 0x800];
            } elseif ($b >= 0xF0 && $b <= 0xF4) {
                [$length, $c, $min] = [4, $b & 0x07, 0x10000];
            } else {
                return null;
            }
            if ($i + $length - 1 > $n) {
                return null;
            }
            for ($j = 1; $j < $length; $j++) {
                $x = $bytes[$i + $j];
                if (($x & 0xC0) !== 0x80) {
                    return null;
                }
                $c = ($c << 6) | ($x & 0x3F);
            }
            if ($c < $min || $c > 0x10FFFF || ($c >= 0xD800 && $c <= 0xDFFF)) {
                return null;
            }
            $points[] = $c;
            $i += $length;
        }
        return $points;
    };
    $read = static function (array $t) use (&$read, $next, $utf8, $fail) {
        switch ($t[0]) {
            case 'int':
                return (int) $next();
            case 'float':
                $s = $next();
                return $s === 'nan' ? \\NAN : ($s === 'inf' ? \\INF : ($s === '-inf' ? -\\INF : (float) $s));
            case 'bool':
                return $next() === '1';
            case 'string':
                $n = (int) $next();
                $chars = [];
                for ($i = 0; $i < $n; $i++) {
                    $chars[] = $utf8((int) $next());
                }
                return \\implode('', $chars);
            case 'list':
                $n = (int) $next();
                $items = [];
                for ($i = 0; $i < $n; $i++) {
                    $items[] = $read($t[1]);
                }
                return $items;
            case 'map':
                $n = (int) $next();
                $map = [];
                for ($i = 0; $i < $n; $i++) {
                    $key = $read(['string']);
                    $map[$key] = $read($t[1]);
                }
                return $map;
            case 'optional':
                return $next() === '1' ? $read($t[1]) : null;
            default:
                [, $class, $fields] = $t;
                if (!\\class_exists($class)) {
                    $fail("declare the class $class as the starter does");
                }
                $values = [];
                foreach ($fields as [, $type]) {
                    $values[] = $read($type);
                }
                if (\\method_exists($class, '__construct')) {
                    return new $class(...$values);
                }
                $record = new $class();
                foreach ($fields as $i => [$field]) {
                    $record->$field = $values[$i];
                }
                return $record;
        }
    };
    $describe = static function ($v): string {
        if (\\is_object($v)) {
            return 'an object of class ' . \\get_class($v);
        }
        if (\\is_array($v)) {
            return 'an array';
        }
        return \\get_debug_type($v) . ' ' . \\substr(\\var_export($v, true), 0, 60);
    };
    $wrong = static function (string $where, $v, string $expected) use ($describe, $fail): void {
        $fail('@NAME@ returned ' . $describe($v) . " where $expected was expected (at $where)");
    };
    $write = static function (array $t, $v, array &$out, string $where) use (&$write, $codePoints, $wrong, $fail): void {
        switch ($t[0]) {
            case 'int':
                if (!\\is_int($v)) {
                    $wrong($where, $v, 'an int');
                }
                $out[] = (string) $v;
                return;
            case 'float':
                if (!\\is_float($v) && !\\is_int($v)) {
                    $wrong($where, $v, 'a float');
                }
                $f = (float) $v;
                $out[] = \\is_nan($f) ? 'nan' : ($f === \\INF ? 'inf' : ($f === -\\INF ? '-inf' : \\var_export($f, true)));
                return;
            case 'bool':
                if (!\\is_bool($v)) {
                    $wrong($where, $v, 'true or false');
                }
                $out[] = $v ? '1' : '0';
                return;
            case 'string':
                if (!\\is_string($v)) {
                    $wrong($where, $v, 'a string');
                }
                $points = $codePoints($v);
                if ($points === null) {
                    $fail("@NAME@ returned a string that is not valid UTF-8 (at $where)");
                }
                $out[] = (string) \\count($points);
                foreach ($points as $c) {
                    $out[] = (string) $c;
                }
                return;
            case 'list':
                if (!\\is_array($v)) {
                    $wrong($where, $v, 'an array (a list)');
                }
                $out[] = (string) \\count($v);
                foreach ($v as $i => $item) {
                    if (!\\is_int($i)) {
                        $fail("@NAME@ returned an array with the string key '$i' where a list was expected (at $where)");
                    }
                    $write($t[1], $item, $out, "{$where}[$i]");
                }
                return;
            case 'map':
                if (!\\is_array($v)) {
                    $wrong($where, $v, 'an array (a map from strings)');
                }
                $out[] = (string) \\count($v);
                foreach ($v as $key => $item) {
                    $write(['string'], (string) $key, $out, "a key of $where");
                    $write($t[1], $item, $out, "{$where}['$key']");
                }
                return;
            case 'optional':
                if ($v === null) {
                    $out[] = '0';
                } else {
                    $out[] = '1';
                    $write($t[1], $v, $out, $where);
                }
                return;
            default:
                foreach ($t[2] as [$field, $type]) {
                    if (\\is_object($v) && \\property_exists($v, $field)) {
                        $item = $v->$field;
                    } elseif (\\is_array($v) && \\array_key_exists($field, $v)) {
                        $item = $v[$field];
                    } else {
                        $wrong($where, $v, "a {$t[1]} (with a property $field)");
                    }
                    $write($type, $item, $out, $where . '->' . $field);
                }
                return;
        }
    };
    $nonce = $next();
    $args = [];
    foreach (@PARAMS@ as $type) {
        $args[] = $read($type);
    }
    if (!\\function_exists(__NAMESPACE__ . '\\\\@NAME@') && !\\function_exists('@NAME@')) {
        $fail('declare the function @NAME@ as the starter does');
    }
    $result = @NAME@(...$args);
    $out = [];
    // var_export's floats: the shortest form that reads back the same.
    \\ini_set('serialize_precision', '-1');
    $write(@RETURNS@, $result, $out, 'the result');
    while (\\ob_get_level() > 0) {
        \\ob_end_flush();
    }
    \\flush();
    echo "\\n", $nonce, ' ', \\implode(' ', $out), "\\n";
    \\flush();
})();
`;
