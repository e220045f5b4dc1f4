import type { ValueType } from '../../contracts/index.ts';
import { pascal, snake } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

/**
 * Python: records are dataclasses declared in the starter (the candidate sees
 * and uses them); lists, dicts and None as Python has them. The harness is
 * appended after the candidate's code and walks a type descriptor, so it is
 * the same few lines for every signature.
 */
export const pythonCodegen: Codegen = {
  language: 'python',
  reserved: [
    'false', 'none', 'true', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
    'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
    'while', 'with', 'yield', 'match', 'case', 'type', 'list', 'dict', 'int', 'float', 'str', 'bool', 'dataclass', 'sys', 'print', 'input',
  ],
  starter(signature) {
    const records = recordsOf(signature);
    const lines: string[] = [];
    if (records.length) {
      lines.push('from dataclasses import dataclass', '', '');
      for (const record of records) {
        lines.push('@dataclass', `class ${pascal(record.name)}:`, ...record.fields.map((f) => `    ${snake(f.name)}: ${hint(f.type)}`), '', '');
      }
    }
    const params = signature.params.map((p) => `${snake(p.name)}: ${hint(p.type)}`).join(', ');
    lines.push(`def ${snake(signature.name)}(${params}) -> ${hint(signature.returns)}:`, '    # Write your solution here and return the result.', '    pass', '');
    return lines.join('\n');
  },
  program(signature, candidate) {
    const descriptor = signature.params.map((p) => describe(p.type));
    return `${candidate}\n\n${HARNESS.replaceAll('@NAME@', snake(signature.name)).replace('@PARAMS@', `[${descriptor.join(', ')}]`).replace('@RETURNS@', describe(signature.returns))}`;
  },
};

function hint(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'bool':
      return 'bool';
    case 'string':
      return 'str';
    case 'list':
      return `list[${hint(type.of)}]`;
    case 'map':
      return `dict[str, ${hint(type.of)}]`;
    case 'optional':
      return `${hint(type.of)} | None`;
    case 'record':
      return pascal(type.name);
  }
}

/** The harness's view of a type: nested tuples of Python literals. */
function describe(type: ValueType): string {
  switch (type.kind) {
    case 'list':
    case 'map':
    case 'optional':
      return `('${type.kind}', ${describe(type.of)})`;
    case 'record':
      return `('record', '${pascal(type.name)}', (${type.fields.map((f) => `('${snake(f.name)}', ${describe(f.type)})`).join(', ')},))`;
    default:
      return `('${type.kind}',)`;
  }
}


// The harness keeps its names behind a leading underscore and in one function's scope.
const HARNESS = `# ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.
def _kodbro_main():
    import math as _math
    import sys as _sys
    _tokens = _sys.stdin.buffer.read().split()
    _nonce = _tokens[0].decode()
    _at = [1]

    def _next():
        _at[0] += 1
        return _tokens[_at[0] - 1]

    def _read(t):
        k = t[0]
        if k == 'int':
            return int(_next())
        if k == 'float':
            return float(_next())
        if k == 'bool':
            return _next() == b'1'
        if k == 'string':
            return ''.join(chr(int(_next())) for _ in range(int(_next())))
        if k == 'list':
            return [_read(t[1]) for _ in range(int(_next()))]
        if k == 'map':
            return {_read(('string',)): _read(t[1]) for _ in range(int(_next()))}
        if k == 'optional':
            return _read(t[1]) if _next() == b'1' else None
        cls = globals()[t[1]]
        return cls(**{name: _read(ft) for name, ft in t[2]})

    def _wrong(t, v):
        return TypeError(f'@NAME@ returned {type(v).__name__} where {t[1] if t[0] == "record" else t[0]} was expected')

    def _write(t, v, out):
        k = t[0]
        if k == 'int':
            if type(v) is not int:
                raise _wrong(t, v)
            out.append(str(v))
        elif k == 'float':
            if type(v) not in (int, float):
                raise _wrong(t, v)
            v = float(v)
            out.append('nan' if _math.isnan(v) else repr(v))
        elif k == 'bool':
            if type(v) is not bool:
                raise _wrong(t, v)
            out.append('1' if v else '0')
        elif k == 'string':
            if type(v) is not str:
                raise _wrong(t, v)
            out.append(str(len(v)))
            out.extend(str(ord(c)) for c in v)
        elif k == 'list':
            if not isinstance(v, (list, tuple)):
                raise _wrong(t, v)
            out.append(str(len(v)))
            for item in v:
                _write(t[1], item, out)
        elif k == 'map':
            if not isinstance(v, dict):
                raise _wrong(t, v)
            out.append(str(len(v)))
            for key, item in v.items():
                _write(('string',), key, out)
                _write(t[1], item, out)
        elif k == 'optional':
            if v is None:
                out.append('0')
            else:
                out.append('1')
                _write(t[1], v, out)
        else:
            for name, ft in t[2]:
                if isinstance(v, dict) and name in v:
                    _write(ft, v[name], out)
                elif hasattr(v, name):
                    _write(ft, getattr(v, name), out)
                else:
                    raise _wrong(t, v)

    _args = [_read(t) for t in @PARAMS@]
    _result = @NAME@(*_args)
    _out = []
    _write(@RETURNS@, _result, _out)
    _sys.stdout.flush()
    _sys.stdout.write('\\n' + _nonce + ' ' + ' '.join(_out) + '\\n')
    _sys.stdout.flush()


_kodbro_main()
`;
