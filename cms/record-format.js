// How the forms of /admin/ read and write record files: Decap CMS custom formats
// «record-yaml» (records/**/*.yaml) and «record-md» (Markdown with a block of fields between
// «---» lines: practices). Written with the same `yaml` library, version 1.x, that Decap's own
// YAML format uses, with what the records need on top of it:
//  1. the form's «Имя файла» field (file_name) names the file and is never written into it;
//  2. empty values ("" / null / [] / {}) are left out: Decap writes a field typed and then
//     cleared as `key: ""`, which the record models reject («поле пустое»);
//  3. keys in the models' order at every depth (key-order.json, generated from the models):
//     Decap orders only the top level, and mappings of more than 8 keys come out hashed;
//  4. no folding of long lines; text of several lines stays a `|` block;
//  5. "14:30" stays quoted, as in hand-written records (YAML 1.1 readers see 14:30 as 870);
//  6. the comment block a file starts with is kept (it explains the record to the next
//     person who opens it in a text editor); comments further down are lost on save, so no
//     comment carries meaning (the scaffolds' «# ←» marks are hints only).
//
// The module exports `recordFormats(YAML, order)`: the browser passes the bundled library
// (admin.js), the tests pass the same version from npm (tests run a record through it and
// load the result with the project's own loader).

const FILE_NAME = 'file_name';
const HEADER = '__header';
const TIME = /^\d{1,2}:\d{2}$/;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const LEADING_COMMENTS = /^(?:[ \t]*#[^\n]*\n)+/;

const isEmpty = (value) =>
  value === '' || value === null || value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

export function recordFormats(YAML, order) {
  function clean(value, path, topKeys) {
    if (Array.isArray(value)) {
      return value.map((item) => clean(item, `${path}[]`)).filter((item) => !isEmpty(item));
    }
    if (value && typeof value === 'object') {
      const known = (path === '' && topKeys && topKeys.length ? topKeys : order[path]) || [];
      const rank = (key) => (known.includes(key) ? known.indexOf(key) : known.length);
      const keys = Object.keys(value)
        .filter((key) => !(path === '' && (key === FILE_NAME || key === HEADER)))
        .sort((a, b) => rank(a) - rank(b)); // stable: keys no field knows keep their order
      const out = {};
      for (const key of keys) {
        const item = clean(value[key], path ? `${path}.${key}` : key);
        if (!isEmpty(item)) out[key] = item;
      }
      return out;
    }
    return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : value;
  }

  function quoteTimes(node) {
    if (!node) return;
    if (node.items) {
      node.items.forEach((item) => quoteTimes(item && 'key' in item ? item.value : item));
    } else if (typeof node.value === 'string') {
      if (TIME.test(node.value)) node.type = 'QUOTE_DOUBLE';
      else if (node.value.includes('\n')) node.type = 'BLOCK_LITERAL';
    }
  }

  function stringify(data, topKeys) {
    const doc = new YAML.Document();
    doc.contents = YAML.createNode(clean(data, '', topKeys));
    quoteTimes(doc.contents);
    return doc.toString();
  }

  function parse(text) {
    const data = YAML.parseDocument(text, { prettyErrors: true }).toJSON() || {};
    const header = text.match(LEADING_COMMENTS);
    if (header) data[HEADER] = header[0];
    return data;
  }

  YAML.scalarOptions.str.fold.lineWidth = 0;
  return {
    yaml: {
      fromFile: (content) => parse(content),
      toFile: (data, sortedKeys) => (data[HEADER] || '') + stringify(data, sortedKeys),
    },
    markdown: {
      fromFile(content) {
        const parts = content.match(FRONT_MATTER);
        if (!parts) return { body: content };
        return { ...parse(`${parts[1]}\n`), body: parts[2] };
      },
      toFile(data, sortedKeys) {
        const { body = '', ...fields } = data;
        const keys = (sortedKeys || []).filter((key) => key !== 'body');
        return `---\n${fields[HEADER] || ''}${stringify(fields, keys)}---\n${body}`;
      },
    },
  };
}
