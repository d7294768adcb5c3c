/**
 * A small RFC 4180 reader for the CSV German Excel writes: ";" between fields, "" inside quotes, CRLF or LF,
 * optional UTF-8 BOM. Small enough to read in one sitting, and pure, so it runs on Workers too.
 */

export interface CsvRecord {
  /** 1-based line on which the record starts (quoted fields may span lines). */
  line: number;
  fields: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number; reason: string };

/** Guesses the delimiter from the header line: Excel in a German locale writes ";", others ",". */
export function detectDelimiter(text: string): ";" | "," {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  return header.split(";").length >= header.split(",").length ? ";" : ",";
}

export function parseCsv(input: string, delimiter: string = detectDelimiter(input)): CsvParse {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
    field = "";
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      if (c === "\n") line++;
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === delimiter) {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      endRecord();
      if (c === "\r" && text[i + 1] === "\n") i++;
      line++;
      recordLine = line;
    } else field += c;
    i++;
  }
  if (quoted) return { ok: false, line: recordLine, reason: "Anführungszeichen wird nicht geschlossen" };
  if (field !== "" || fields.length > 0) endRecord();
  return { ok: true, records };
}
