import type { ValueType } from '../../contracts/index.ts';
import { pascal, snake } from '../names.ts';
import { recordsOf } from './records.ts';
import type { Codegen } from './types.ts';

/** Ruby's keywords: a parameter so named is spelled with a trailing underscore (end_). */
const KEYWORDS = [
  'alias', 'and', 'begin', 'break', 'case', 'class', 'def', 'do', 'else', 'elsif', 'end', 'ensure', 'false', 'for', 'if', 'in', 'module', 'next',
  'nil', 'not', 'or', 'redo', 'rescue', 'retry', 'return', 'self', 'super', 'then', 'true', 'undef', 'unless', 'until', 'when', 'while', 'yield',
];
/**
 * Keywords that still work as every declared name: a Struct member of that
 * name is read as `interval.end`, a parameter is spelled `end_`, and the
 * harness calls the function with __send__. Common words for data (an
 * interval's end, a node's next), so they stay allowed.
 */
const DATA_KEYWORDS = new Set(['alias', 'begin', 'end', 'next', 'redo', 'retry', 'then', 'when']);

/**
 * Ruby: Integer (arbitrary precision) and Float, Array, Hash with String
 * keys, nil for an absent optional; records are Structs declared in the
 * starter, built positionally by the harness. The harness is appended after
 * the candidate's code as one method whose name (__kodbro_main) no declared
 * name can take; of the constants a record could reassign it names only
 * Object and Kernel (it takes core classes from literals: ''.class).
 */
export const rubyCodegen: Codegen = {
  language: 'ruby',
  reserved: [
    ...KEYWORDS.filter((word) => !DATA_KEYWORDS.has(word)),
    // Core constants a record of that name would reassign (the starter builds records with Struct, the harness finds them through Object).
    'object', 'basic_object', 'kernel', 'struct', 'comparable', 'enumerable', 'string', 'integer', 'float', 'numeric', 'array', 'hash', 'symbol',
    'proc', 'range', 'exception', 'standard_error',
    // A top-level method is a private method of every object: these would hide Object's own (the harness calls public_send and inspect).
    'send', 'public_send', 'inspect', 'to_s', 'method', 'object_id', 'freeze', 'dup', 'clone',
  ],
  starter(signature) {
    const lines: string[] = [];
    for (const record of recordsOf(signature)) lines.push(`${pascal(record.name)} = Struct.new(${record.fields.map((f) => `:${snake(f.name)}`).join(', ')})`, '');
    lines.push(...signature.params.map((p) => `# @param ${param(p.name)} [${yardType(p.type)}]`), `# @return [${yardType(signature.returns)}]`);
    lines.push(`def ${snake(signature.name)}(${signature.params.map((p) => param(p.name)).join(', ')})`);
    lines.push('  # Write your solution here and return the result.', `  ${zeroValue(signature.returns)}`, 'end', '');
    return lines.join('\n');
  },
  program(signature, candidate) {
    const params = `[${signature.params.map((p) => describe(p.type)).join(', ')}]`;
    return `${candidate}\n\n${HARNESS}\n__kodbro_main(:${snake(signature.name)}, ${params}, ${describe(signature.returns)})\n`;
  },
};

function param(name: string): string {
  return KEYWORDS.includes(name) ? `${name}_` : snake(name);
}

function yardType(type: ValueType): string {
  switch (type.kind) {
    case 'int':
      return 'Integer';
    case 'float':
      return 'Float';
    case 'bool':
      return 'Boolean';
    case 'string':
      return 'String';
    case 'list':
      return `Array<${yardType(type.of)}>`;
    case 'map':
      return `Hash{String => ${yardType(type.of)}}`;
    case 'optional':
      return `${yardType(type.of)}, nil`;
    case 'record':
      return pascal(type.name);
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
      return '[]';
    case 'map':
      return '{}';
    case 'optional':
      return 'nil';
    case 'record':
      return `${pascal(type.name)}.new(${type.fields.map((f) => zeroValue(f.type)).join(', ')})`;
  }
}

/** The harness's view of a type: nested arrays of symbols and strings. */
function describe(type: ValueType): string {
  switch (type.kind) {
    case 'list':
    case 'map':
    case 'optional':
      return `[:${type.kind}, ${describe(type.of)}]`;
    case 'record':
      return `[:record, '${pascal(type.name)}', [${type.fields.map((f) => `['${snake(f.name)}', ${describe(f.type)}]`).join(', ')}]]`;
    default:
      return `[:${type.kind}]`;
  }
}

// $stdout is the candidate's stream too: flushed, then the result line written and flushed.
const HARNESS = `# ---- Kodbro's harness (not part of your code): reads the arguments, calls your function, writes the result.
def __kodbro_main(name, params, returns)
  integer, float, string, array, hash, symbol = 0.class, 0.0.class, ''.class, [].class, {}.class, :a.class
  die = ->(message) { ::Kernel.abort("Kodbro: #{message}") }
  tokens = $stdin.binmode.read.split
  at = 0
  nxt = -> do
    die.('the input ended early') if at >= tokens.length
    at += 1
    tokens[at - 1]
  end
  read = ->(t) do
    case t[0]
    when :int then nxt.().to_i
    when :float
      s = nxt.()
      s == 'nan' ? 0.0 / 0.0 : s == 'inf' ? 1.0 / 0.0 : s == '-inf' ? -1.0 / 0.0 : Float(s)
    when :bool then nxt.() == '1'
    when :string then nxt.().to_i.times.map { nxt.().to_i }.pack('U*')
    when :list then nxt.().to_i.times.map { read.(t[1]) }
    when :map
      map = {}
      nxt.().to_i.times { key = read.([:string]); map[key] = read.(t[1]) }
      map
    when :optional then nxt.() == '1' ? read.(t[1]) : nil
    else
      die.("declare #{t[1]} as the starter does") unless Object.const_defined?(t[1])
      klass = Object.const_get(t[1])
      values = t[2].map { |(_, type)| read.(type) }
      if klass.respond_to?(:keyword_init?) && klass.keyword_init?
        klass.new(**t[2].each_with_index.to_h { |(field, _), i| [field.to_sym, values[i]] })
      else
        klass.new(*values)
      end
    end
  end
  wrong = ->(where, v, expected) do
    die.("#{name} returned #{v.inspect[0, 60]} where #{expected} was expected (at #{where})")
  end
  write = ->(t, v, out, where) do
    case t[0]
    when :int
      wrong.(where, v, 'an Integer') unless v.is_a?(integer)
      out << v.to_s
    when :float
      wrong.(where, v, 'a Float') unless v.is_a?(float) || v.is_a?(integer)
      f = v.to_f
      out << (f.nan? ? 'nan' : f.infinite? ? (f > 0 ? 'inf' : '-inf') : f.to_s)
    when :bool
      wrong.(where, v, 'true or false') unless true.equal?(v) || false.equal?(v)
      out << (v ? '1' : '0')
    when :string
      wrong.(where, v, 'a String') unless v.is_a?(string)
      s = v.encoding.name == 'UTF-8' || v.encoding.name == 'ASCII-8BIT' ? v.dup.force_encoding('UTF-8') : v.encode('UTF-8')
      die.("#{name} returned a string that is not valid UTF-8 (at #{where})") unless s.valid_encoding?
      points = s.codepoints
      out << points.length.to_s
      points.each { |c| out << c.to_s }
    when :list
      wrong.(where, v, 'an Array') unless v.is_a?(array)
      out << v.length.to_s
      v.each_with_index { |item, i| write.(t[1], item, out, "#{where}[#{i}]") }
    when :map
      wrong.(where, v, 'a Hash') unless v.is_a?(hash)
      out << v.length.to_s
      v.each do |key, item|
        key = key.to_s if key.is_a?(symbol)
        write.([:string], key, out, "a key of #{where}")
        write.(t[1], item, out, "#{where}[#{key.inspect}]")
      end
    when :optional
      if v.nil?
        out << '0'
      else
        out << '1'
        write.(t[1], v, out, where)
      end
    else
      t[2].each do |(field, type)|
        item =
          if v.is_a?(hash)
            v.key?(field.to_sym) ? v[field.to_sym] : v[field]
          elsif v.respond_to?(field)
            v.public_send(field)
          else
            wrong.(where, v, "a #{t[1]} (it has no #{field})")
          end
        write.(type, item, out, "#{where}.#{field}")
      end
    end
  end
  nonce = nxt.()
  args = params.map { |t| read.(t) }
  result = __send__(name, *args)
  out = []
  write.(returns, result, out, 'the result')
  $stdout.flush
  $stdout.write("\\n#{nonce} #{out.join(' ')}\\n")
  $stdout.flush
end`;
