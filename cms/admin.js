// The forms of the internal site (/admin/): registers the records' formats, then starts
// Decap CMS with config.yml beside this file. Everything is served from the site itself.
import { YAML } from './vendor-yaml/index.js';
import { recordFormats } from './record-format.js';

const order = await fetch(new URL('key-order.json', import.meta.url)).then((r) => r.json());
const formats = recordFormats(YAML, order);
window.CMS.registerCustomFormat('record-yaml', 'yaml', formats.yaml);
window.CMS.registerCustomFormat('record-md', 'md', formats.markdown);
window.CMS.init();
