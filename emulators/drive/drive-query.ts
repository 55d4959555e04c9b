/**
 * The part of Drive's search language (`files.list?q=`) that an app with the `drive.file` scope
 * needs: terms joined by `and`, each one of
 *   appProperties has { key='k' and value='v' }
 *   '<id>' in parents
 *   trashed = true | false
 *   mimeType = '…' | mimeType != '…'
 *   name = '…' | name contains '…'
 * Anything else is refused the way Drive refuses it: 400 with the reason `invalid`.
 */

export interface QueryableFile {
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  appProperties: Record<string, string>;
}

export type FilePredicate = (file: QueryableFile) => boolean;

export class DriveQueryError extends Error {}

type Token =
  | { kind: 'word'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'op'; value: string };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query[index] ?? '';
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (char === "'") {
      let value = '';
      index += 1;
      for (;;) {
        if (index >= query.length) throw new DriveQueryError('Unterminated string literal.');
        const next = query[index] ?? '';
        if (next === '\\') {
          value += query[index + 1] ?? '';
          index += 2;
          continue;
        }
        index += 1;
        if (next === "'") break;
        value += next;
      }
      tokens.push({ kind: 'string', value });
      continue;
    }
    const op = /^(!=|=|\{|\})/.exec(query.slice(index));
    if (op?.[1]) {
      tokens.push({ kind: 'op', value: op[1] });
      index += op[1].length;
      continue;
    }
    const word = /^[A-Za-z]+/.exec(query.slice(index));
    if (!word) throw new DriveQueryError(`Unexpected character "${char}".`);
    tokens.push({ kind: 'word', value: word[0] });
    index += word[0].length;
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) throw new DriveQueryError('The query ends too early.');
    this.position += 1;
    return token;
  }

  private expect(kind: Token['kind'], value?: string): string {
    const token = this.next();
    if (token.kind !== kind || (value !== undefined && token.value !== value))
      throw new DriveQueryError(`Expected ${value ?? kind} but found "${token.value}".`);
    return token.value;
  }

  private peekWord(value: string): boolean {
    const token = this.tokens[this.position];
    return token?.kind === 'word' && token.value === value;
  }

  parse(): FilePredicate {
    const terms: FilePredicate[] = [this.term()];
    while (this.position < this.tokens.length) {
      this.expect('word', 'and');
      terms.push(this.term());
    }
    return (file) => terms.every((term) => term(file));
  }

  private term(): FilePredicate {
    const first = this.next();
    if (first.kind === 'string') {
      this.expect('word', 'in');
      this.expect('word', 'parents');
      return (file) => file.parents.includes(first.value);
    }
    if (first.kind !== 'word') throw new DriveQueryError(`Unexpected "${first.value}".`);
    switch (first.value) {
      case 'appProperties': {
        this.expect('word', 'has');
        this.expect('op', '{');
        this.expect('word', 'key');
        this.expect('op', '=');
        const key = this.expect('string');
        this.expect('word', 'and');
        this.expect('word', 'value');
        this.expect('op', '=');
        const value = this.expect('string');
        this.expect('op', '}');
        return (file) => file.appProperties[key] === value;
      }
      case 'trashed': {
        this.expect('op', '=');
        const value = this.expect('word');
        if (value !== 'true' && value !== 'false')
          throw new DriveQueryError('trashed compares with true or false.');
        return (file) => file.trashed === (value === 'true');
      }
      case 'mimeType': {
        const op = this.expect('op');
        const value = this.expect('string');
        if (op === '=') return (file) => file.mimeType === value;
        if (op === '!=') return (file) => file.mimeType !== value;
        throw new DriveQueryError('mimeType compares with = or !=.');
      }
      case 'name': {
        if (this.peekWord('contains')) {
          this.next();
          const value = this.expect('string');
          return (file) => file.name.includes(value);
        }
        this.expect('op', '=');
        const value = this.expect('string');
        return (file) => file.name === value;
      }
      default:
        throw new DriveQueryError(`This emulator does not search by "${first.value}".`);
    }
  }
}

/** Compiles `q`; throws DriveQueryError (Drive's 400 `invalid`) for what it cannot read. */
export function compileDriveQuery(query: string): FilePredicate {
  if (query.trim() === '') return () => true;
  return new Parser(tokenize(query)).parse();
}
