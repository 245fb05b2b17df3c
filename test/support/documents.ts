// Small PDF, Word and Excel files for the library's document tests, and an executable to rename.
import { zipArchive } from './xlsx.ts'

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`)

export const tinyPdf = (text = '邻里') => Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`)

export const tinyDocx = (text = '议事规则') => zipArchive([
  { name: '[Content_Types].xml', data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  { name: 'word/document.xml', data: xml(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`) },
])

export const tinyXlsx = (text = '台账') => zipArchive([
  { name: '[Content_Types].xml', data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  { name: 'xl/workbook.xml', data: xml(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="${text}" sheetId="1"/></sheets></workbook>`) },
])

/** A ZIP that is neither Word nor Excel (e.g. a zipped folder of photos). */
export const plainZip = () => zipArchive([{ name: 'photos/readme.txt', data: Buffer.from('不是文档') }])

/** The start of a Windows executable ("MZ" header), as a renamed .exe would arrive. */
export const fakeExe = () => Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(512, 0x41)])

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
