// Opens and saves record files the way the forms of /admin/ do (cms/record-format.js with
// the yaml library installed in cms/node_modules), for tests/test_cms.py.
// stdin: JSON {"order": {...key-order.json...}, "files": [{"path", "format", "keys", "text"}]}
// stdout: JSON {path: text as saved}
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { recordFormats } from '../cms/record-format.js';

const require = createRequire(new URL('../cms/package.json', import.meta.url));
const YAML = require('yaml');
const input = JSON.parse(readFileSync(0, 'utf8'));
const formats = recordFormats(YAML, input.order);
const saved = {};
for (const file of input.files) {
  const format = file.format === 'record-md' ? formats.markdown : formats.yaml;
  saved[file.path] = format.toFile(format.fromFile(file.text), file.keys);
}
process.stdout.write(JSON.stringify(saved));
