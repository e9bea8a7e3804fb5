/**
 * Collects diagnostics for one file: turns offsets into line:column (line starts computed once,
 * on the first diagnostic), adds a caret excerpt, and caps the list so a file with a million bad
 * cells reports the first few and a count instead of a million lines.
 */
import { boundMessage, lineStarts, positionAt, type Diagnostic, type Message, type Severity } from "../diagnostics.ts";
import { runMessages } from "./messages.ts";

const MAX_PER_FILE = 20;
const MAX_EXCERPT_LINE = 120;

export class FileDiagnostics {
  readonly list: Diagnostic[] = [];
  private starts: number[] | null = null;
  private dropped = 0;
  private errors = 0;

  /**
   * @param file repository-relative path used in every diagnostic
   * @param text the file's text (BOM stripped), for positions and excerpts
   * @param lineOffset added to every line, for text that is one line of a larger file
   */
  readonly file: string;
  readonly text: string;
  private readonly lineOffset: number;

  constructor(file: string, text: string, lineOffset = 0) {
    this.file = file;
    this.text = text;
    this.lineOffset = lineOffset;
  }

  get hasErrors(): boolean {
    return this.errors > 0;
  }

  /** A diagnostic at `offset` in the text, with an excerpt underlining `length` characters. */
  at(offset: number, severity: Severity, msg: Message, length = 1): void {
    this.starts ??= lineStarts(this.text);
    const pos = positionAt(this.text, Math.max(0, Math.min(offset, this.text.length)), this.starts);
    const excerpt = excerptAt(this.text, this.starts, pos.line, pos.column, length, this.lineOffset);
    this.push({ line: pos.line + this.lineOffset, column: pos.column, severity, msg, excerpt });
  }

  /** A diagnostic about the file as a whole (reported at 1:1, no excerpt). */
  whole(severity: Severity, msg: Message): void {
    this.push({ line: 1, column: 1, severity, msg });
  }

  add(d: Diagnostic): void {
    if (d.severity === "error") this.errors++;
    if (this.list.length >= MAX_PER_FILE) this.dropped++;
    else this.list.push(d);
  }

  /** The diagnostics, plus one line counting those over the cap. */
  done(): Diagnostic[] {
    if (this.dropped > 0) {
      const m = runMessages.moreErrors(this.dropped);
      this.list.push({ file: this.file, line: 1, column: 1, severity: this.errors > 0 ? "error" : "warning", ...m });
      this.dropped = 0;
    }
    return this.list;
  }

  private push(p: { line: number; column: number; severity: Severity; msg: Message; excerpt?: string }): void {
    p.msg = boundMessage(p.msg);
    const d: Diagnostic = {
      file: this.file,
      line: p.line,
      column: p.column,
      severity: p.severity,
      code: p.msg.code,
      message: p.msg.message,
    };
    if (p.msg.hint !== undefined) d.hint = p.msg.hint;
    if (p.excerpt !== undefined) d.excerpt = p.excerpt;
    this.add(d);
  }
}

/** `caretExcerpt`, but long lines (minified JSON) are cut to a window around the column. */
function excerptAt(text: string, starts: number[], line: number, column: number, length: number, lineOffset: number): string {
  const lineStart = starts[line - 1]!;
  let lineEnd = line < starts.length ? starts[line]! : text.length;
  while (lineEnd > lineStart && (text.charCodeAt(lineEnd - 1) === 10 || text.charCodeAt(lineEnd - 1) === 13)) lineEnd--;
  let src = text.slice(lineStart, lineEnd);
  let col = column;
  if (src.length > MAX_EXCERPT_LINE) {
    const from = Math.max(0, column - 1 - MAX_EXCERPT_LINE / 2);
    const to = Math.min(src.length, from + MAX_EXCERPT_LINE);
    src = (from > 0 ? "…" : "") + src.slice(from, to) + (to < src.length ? "…" : "");
    col = column - from + (from > 0 ? 1 : 0);
  }
  const caretLength = Math.max(1, Math.min(length, src.length - col + 1));
  // Same layout as `caretExcerpt`, which would split the whole text for every call.
  const gutter = `${line + lineOffset} | `;
  return `  ${gutter}${src}\n  ${" ".repeat(gutter.length + col - 1)}${"^".repeat(caretLength)}`;
}
