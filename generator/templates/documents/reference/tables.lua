-- Tables of official documents in ODT (used with --to odt only).
--
-- pandoc's ODT writer draws every table without borders and ignores table styles, so this
-- filter writes each table itself: data tables get a thin black grid (cell style DocCellGrid),
-- tables marked custom-style="Borderless" (requisites) or "Signatures" (signature lines) get
-- none (DocCellPlain). No row splits across pages (row style DocRow); a "Register" table's
-- rows are at least 8 mm high (DocRowTall); a signature table never breaks between its rows
-- and is named Signatures<N>, so documents/layout.py can keep it with the paragraph before.
-- The cell and row styles are in content.opendocument beside this file. Column widths
-- follow the Markdown (the dashes of a pipe table, set by documents/widths.py) over the text
-- width, 170 mm or the metadata field text-width-mm (landscape pages). A cell holds plain
-- text, one paragraph per block, escaped for XML here; emphasis and merged cells are not
-- used in the documents' tables.
--
-- The ODT writer also ignores custom-style on fenced divs (the DOCX writer honours it), so
-- the paragraphs of such a div are written here with the div's paragraph style of
-- reference.odt (Organization, DocumentType, Centered, RightBlock, DraftMark, NoIndent):
-- plain text and line breaks, escaped for XML here, as in the tables.

if FORMAT ~= 'odt' and FORMAT ~= 'opendocument' then
  return {}
end

local text_width_mm = 170 -- A4 210 mm less margins 30 + 10 mm; see Meta below
local styles = {}
local count = 0

-- Paragraph styles of reference.odt: TableHeading, TableContents[Right|Center] (12 pt)
-- and BorderlessContents[Right|Center] (14 pt, like the text around them).
local ALIGN = { AlignRight = 'Right', AlignCenter = 'Center' }

local XML = { ['&'] = '&amp;', ['<'] = '&lt;', ['>'] = '&gt;', ['"'] = '&quot;' }

local function paragraph(style, text)
  return '<text:p text:style-name="' .. style .. '">' .. text:gsub('[&<>"]', XML) .. '</text:p>'
end

local function cell_xml(cell, column_align, plain, heading, tall)
  local align = cell.alignment ~= 'AlignDefault' and cell.alignment or column_align
  local style = (plain and 'Borderless' or 'Table') .. 'Contents' .. (ALIGN[align] or '')
  if heading and not plain then
    style = 'TableHeading'
  elseif tall then
    style = 'RegisterContents' -- names and posts: never hyphenated
  end
  local cell_style = plain and 'DocCellPlain' or 'DocCellGrid'
  local paragraphs = {}
  for _, block in ipairs(cell.contents) do
    paragraphs[#paragraphs + 1] = paragraph(style, pandoc.utils.stringify(block))
  end
  if #paragraphs == 0 then
    paragraphs[1] = paragraph(style, '')
  end
  return '<table:table-cell table:style-name="' .. cell_style
    .. '" office:value-type="string">' .. table.concat(paragraphs) .. '</table:table-cell>'
end

local function rows_xml(rows, aligns, plain, heading, tall)
  local out = {}
  local row_style = (tall and not heading) and 'DocRowTall' or 'DocRow'
  for _, row in ipairs(rows) do
    local cells = {}
    for i, cell in ipairs(row.cells) do
      cells[#cells + 1] = cell_xml(cell, aligns[i], plain, heading, tall)
    end
    out[#out + 1] = '<table:table-row table:style-name="' .. row_style .. '">'
      .. table.concat(cells) .. '</table:table-row>'
  end
  return table.concat(out)
end

local function widths(colspecs)
  local given, total = {}, 0
  for i, spec in ipairs(colspecs) do
    local width = spec[2]
    given[i] = type(width) == 'number' and width > 0 and width or nil
    total = total + (given[i] or 0)
  end
  local result = {}
  for i = 1, #colspecs do
    result[i] = (total > 0 and given[i]) and given[i] / total or 1 / #colspecs
  end
  return result
end

local function table_styles(name, fractions, whole)
  local unbroken = whole and ' style:may-break-between-rows="false"' or ''
  local out = {
    '<style:style style:name="' .. name .. '" style:family="table">'
      .. '<style:table-properties style:width="' .. text_width_mm .. 'mm" table:align="margins"'
      .. unbroken .. '/></style:style>',
  }
  for i, fraction in ipairs(fractions) do
    out[#out + 1] = string.format(
      '<style:style style:name="%s.C%d" style:family="table-column">'
        .. '<style:table-column-properties style:column-width="%.1fmm" style:rel-column-width="%d*"/>'
        .. '</style:style>',
      name, i, fraction * text_width_mm, math.floor(fraction * 10000 + 0.5))
  end
  return table.concat(out)
end

local function Table(tbl)
  count = count + 1
  local style = tbl.attr.attributes['custom-style']
  local signatures = style == 'Signatures'
  local name = (signatures and 'Signatures' or 'DocTable') .. count
  local plain = signatures or style == 'Borderless'
  local tall = style == 'Register'
  local fractions = widths(tbl.colspecs)
  local aligns = {}
  for i, spec in ipairs(tbl.colspecs) do
    aligns[i] = spec[1]
  end
  styles[#styles + 1] = table_styles(name, fractions, signatures)
  local columns = {}
  for i = 1, #fractions do
    columns[i] = '<table:table-column table:style-name="' .. name .. '.C' .. i .. '"/>'
  end
  local head = ''
  if #tbl.head.rows > 0 then
    head = '<table:table-header-rows>' .. rows_xml(tbl.head.rows, aligns, plain, true, tall)
      .. '</table:table-header-rows>'
  end
  local body = {}
  for _, part in ipairs(tbl.bodies) do
    body[#body + 1] = rows_xml(part.head, aligns, plain, true, tall)
    body[#body + 1] = rows_xml(part.body, aligns, plain, false, tall)
  end
  body[#body + 1] = rows_xml(tbl.foot.rows, aligns, plain, false, tall)
  return pandoc.RawBlock('opendocument',
    '<table:table table:name="' .. name .. '" table:style-name="' .. name .. '">'
      .. table.concat(columns) .. head .. table.concat(body) .. '</table:table>')
end

local function inline_xml(inlines)
  local out = {}
  for _, inline in ipairs(inlines) do
    if inline.t == 'LineBreak' then
      out[#out + 1] = '<text:line-break/>'
    elseif inline.t == 'Space' or inline.t == 'SoftBreak' then
      out[#out + 1] = ' '
    else
      out[#out + 1] = (pandoc.utils.stringify(inline):gsub('[&<>"]', XML))
    end
  end
  return table.concat(out)
end

local function styled_paragraph(block, style)
  local text
  if block.t == 'LineBlock' then
    local lines = {}
    for i, line in ipairs(block.content) do
      lines[i] = inline_xml(line)
    end
    text = table.concat(lines, '<text:line-break/>')
  elseif block.t == 'Para' or block.t == 'Plain' then
    text = inline_xml(block.content)
  else
    return block -- tables and lists keep their own layout
  end
  return pandoc.RawBlock('opendocument',
    '<text:p text:style-name="' .. style .. '">' .. text .. '</text:p>')
end

local function Div(div)
  local style = div.attr.attributes['custom-style']
  if not style or not style:match('^[%w]+$') then
    return nil
  end
  local blocks = {}
  for i, block in ipairs(div.content) do
    blocks[i] = styled_paragraph(block, style)
  end
  return blocks
end

local function Meta(meta)
  local raw = {}
  for i, xml in ipairs(styles) do
    raw[i] = pandoc.MetaInlines({ pandoc.RawInline('opendocument', xml) })
  end
  meta['odt-table-styles'] = pandoc.MetaList(raw)
  return meta
end

-- The text width is read first (a pass of its own), then tables and divs are written.
return {
  {
    Meta = function(meta)
      local width = meta['text-width-mm']
      if width then
        text_width_mm = tonumber(pandoc.utils.stringify(width)) or text_width_mm
      end
    end,
  },
  { Table = Table, Div = Div, Meta = Meta },
}
