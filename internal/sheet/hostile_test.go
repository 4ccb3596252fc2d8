package sheet

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ntm-atlas/atlas/internal/model"
)

// peakHeap runs f while it samples the heap of the test process every half millisecond, and
// returns the most heap f had in use at once above what was in use before it, in bytes. The
// garbage f leaves uncollected counts: it is memory the process holds.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var mu sync.Mutex
	peak := base
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		peak = max(peak, m.HeapAlloc)
		mu.Unlock()
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			sample()
			time.Sleep(500 * time.Microsecond)
		}
	})
	f()
	sample()
	close(done)
	wg.Wait()
	return peak - base
}

// memoryBound is the most heap importing any rejected sheet may take (issue 30).
const memoryBound = 200 << 20

// xlsxParts are the parts of a minimal workbook of one sheet, "Sheet1", whose XML is sheet.
func xlsxParts(sheet string) map[string]string {
	return map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
			`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": sheet,
	}
}

// sheetXML is a worksheet of rows, each cell an inline string, or a formula when it starts
// with "=" (its cached value after a "|", if any).
func sheetXML(prolog string, rows ...[]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + prolog + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, r := range rows {
		fmt.Fprintf(&b, `<row r="%d">`, i+1)
		for j, c := range r {
			ref := ColumnName(j+1) + fmt.Sprint(i+1)
			if f, ok := strings.CutPrefix(c, "="); ok {
				f, v, _ := strings.Cut(f, "|")
				fmt.Fprintf(&b, `<c r="%s"><f>%s</f>`, ref, f)
				if v != "" {
					fmt.Fprintf(&b, `<v>%s</v>`, v)
				}
				b.WriteString(`</c>`)
				continue
			}
			fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, c)
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

// zipParts writes parts as a zip archive, and raw, when not nil, as one more part of deflated
// bytes whose header declares size bytes once inflated, whatever they inflate to.
func zipParts(t *testing.T, parts map[string]string, rawName string, raw []byte, size uint64) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} {
		data, ok := parts[name]
		if !ok || name == rawName {
			continue
		}
		f, err := w.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(data))
	}
	if raw != nil {
		f, err := w.CreateRaw(&zip.FileHeader{Name: rawName, Method: zip.Deflate, CompressedSize64: uint64(len(raw)), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		f.Write(raw)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bomb returns a deflate stream that inflates to a worksheet's opening followed by n MiB of
// spaces, made of one compressed MiB repeated: a few hundred bytes a MiB.
func bomb(t *testing.T, n int) []byte {
	t.Helper()
	var head, mib bytes.Buffer
	for _, part := range []struct {
		b    *bytes.Buffer
		data []byte
	}{
		{&head, []byte(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`)},
		{&mib, bytes.Repeat([]byte(" "), 1<<20)},
	} {
		// Each piece is compressed alone and flushed, never closed: its blocks stand alone
		// and end on a byte, so that pieces can follow one another in one stream.
		zw, _ := flate.NewWriter(part.b, flate.BestCompression)
		zw.Write(part.data)
		zw.Flush()
	}
	out := append([]byte(nil), head.Bytes()...)
	for range n {
		out = append(out, mib.Bytes()...)
	}
	return append(out, 0x03, 0x00) // a last, empty block
}

// TestImportXLSXZipBomb: a 1 MB workbook whose sheet inflates to 2 GiB is refused before it is
// inflated, for the part's size, with an error that names the limit, in bounded memory; so is
// one whose header hides the size (issue 30: 44 s, 4.2 GB of memory, a 2 GB temporary file
// and a misleading message).
func TestImportXLSXZipBomb(t *testing.T) {
	site := copySite(t)
	dir := t.TempDir()
	raw := bomb(t, 2048)
	for _, tt := range []struct {
		name     string
		declared uint64
		want     string
	}{
		{"the header tells", 2<<30 + 140, `xl/worksheets/sheet1.xml inflates to 2.0 GiB, over the limit of 64.0 MiB for one part of a workbook ([limits] max_sheet_part_bytes in atlas.toml)`},
		{"the header lies", 4096, `xl/worksheets/sheet1.xml: the part inflates to more than its header says: the workbook is damaged`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, "bomb.xlsx")
			data := zipParts(t, xlsxParts(""), "xl/worksheets/sheet1.xml", raw, tt.declared)
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			var err error
			start := time.Now()
			peak := peakHeap(func() { _, err = Import(Options{Site: site, File: file}) })
			t.Logf("%d-byte workbook: peak heap %.1f MB above the baseline, %v", len(data), float64(peak)/1e6, time.Since(start))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error: %v\nwant it to contain: %s", err, tt.want)
			}
			if peak > memoryBound {
				t.Errorf("peak heap %d MB, over %d MB", peak>>20, memoryBound>>20)
			}
			if tmp, _ := filepath.Glob(filepath.Join(os.TempDir(), "excelize-*")); len(tmp) > 0 {
				t.Errorf("temporary files left: %q", tmp)
			}
		})
	}
}

// TestImportMillionRows: a CSV of a million rows is refused at the row limit, with an error that
// names it, in bounded memory; a sheet of 20,000 bad rows lists the first 100 errors and counts
// the rest (issue 30: 2.1 GB of memory and 999,999 error lines).
func TestImportMillionRows(t *testing.T) {
	site := copySite(t)
	dir := t.TempDir()
	var b bytes.Buffer
	b.WriteString("code,level\n")
	for range 1_000_000 {
		b.WriteString("03664,x\n")
	}
	file := writeFile(t, dir, "million.csv", b.String())
	var err error
	peak := peakHeap(func() { _, err = Import(Options{Site: site, File: file}) })
	t.Logf("%d-byte CSV of a million rows: peak heap %.1f MB above the baseline", b.Len(), float64(peak)/1e6)
	want := file + ": row 50001: the sheet has more than 50000 rows, the limit ([limits] max_sheet_rows in atlas.toml)"
	if err == nil || err.Error() != want {
		t.Errorf("error: %.300v\nwant: %s", err, want)
	}
	if peak > memoryBound {
		t.Errorf("peak heap %d MB, over %d MB", peak>>20, memoryBound>>20)
	}

	b.Reset()
	b.WriteString("code,level\n")
	for i := range 20_000 {
		fmt.Fprintf(&b, "9%04d,standard\n", i)
	}
	file = writeFile(t, dir, "bad.csv", b.String())
	peak = peakHeap(func() { _, err = Import(Options{Site: site, File: file}) })
	t.Logf("20,000 bad rows: peak heap %.1f MB above the baseline", float64(peak)/1e6)
	lines := strings.Split(fmt.Sprint(err), "\n")
	if len(lines) != MaxErrors+1 || lines[0] != file+`: row 2, column A (code): no current unit with code "90000"` ||
		lines[MaxErrors] != file+": and 19900 more errors, not listed" {
		t.Errorf("%d lines, first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
	var list ErrorList
	if !errors.As(err, &list) || list.Count() != 20_000 {
		t.Errorf("the list counts %d errors, want 20000", list.Count())
	}

	// A sheet just within the limits of rows and cells, every row bad: the worst a sheet
	// rejected for its data can cost.
	b.Reset()
	b.WriteString("code,level,criteria_set,as_of,note\n")
	for i := range 49_999 {
		fmt.Fprintf(&b, "9%04d,standard,2026-2030,31/12/2026,%s\n", i%10000, strings.Repeat("x,", 14)+"x")
	}
	file = writeFile(t, dir, "full.csv", b.String())
	peak = peakHeap(func() { _, err = Import(Options{Site: site, File: file}) })
	t.Logf("%d-byte CSV of 50,000 rows and 1,000,000 cells, all bad: peak heap %.1f MB above the baseline", b.Len(), float64(peak)/1e6)
	if !errors.As(err, &list) || list.Count() < 49_999 {
		t.Errorf("error: %.300v", err)
	}
	if peak > memoryBound {
		t.Errorf("peak heap %d MB, over %d MB", peak>>20, memoryBound>>20)
	}
}

// TestImportXLSXEntities: a workbook whose XML declares a document type, as XXE and billion-
// laughs attacks must, is refused as such, not as an empty sheet; so is one in the shared
// strings or the workbook part (issue 30).
func TestImportXLSXEntities(t *testing.T) {
	site := copySite(t)
	dir := t.TempDir()
	laughs := `<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`
	xxe := `<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`
	good := sheetXML("", []string{"code", "level"}, []string{"03664", "&lol3;"})
	for _, tt := range []struct {
		name, part, data string
	}{
		{"billion laughs", "xl/worksheets/sheet1.xml", sheetXML(laughs, []string{"code", "level"}, []string{"03664", "&lol3;"})},
		{"external entity", "xl/worksheets/sheet1.xml", sheetXML(xxe, []string{"code", "level"}, []string{"03664", "&xxe;"})},
		{"in the workbook", "xl/workbook.xml", strings.Replace(xlsxParts("")["xl/workbook.xml"], "?>", "?>"+xxe, 1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parts := xlsxParts(good)
			parts[tt.part] = tt.data
			file := filepath.Join(dir, "entities.xlsx")
			os.WriteFile(file, zipParts(t, parts, "", nil, 0), 0o644)
			_, err := Import(Options{Site: site, File: file})
			want := tt.part + ": the XML declares a document type (<!DOCTYPE …>), which no workbook needs and entity attacks (XXE, billion laughs) use: refused"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error: %v\nwant it to contain: %s", err, want)
			}
		})
	}
}

// TestImportXLSXFormula: a formula cell is imported as the value the spreadsheet last computed,
// with a warning at the cell that says so; one without a computed value reads as blank, with a
// warning that says so (issue 30: imported without notice).
func TestImportXLSXFormula(t *testing.T) {
	site := copySite(t)
	file := filepath.Join(t.TempDir(), "formula.xlsx")
	sheet := sheetXML("",
		[]string{"code", "criteria_set", "level", "as_of", "note"},
		[]string{"03664", "2026-2030", "in-progress", "=DATE(2026,6,30)|46203", "=B2&amp;&quot; x&quot;"})
	os.WriteFile(file, zipParts(t, xlsxParts(sheet), "", nil, 0), 0o644)
	p, err := Import(Options{Site: site, File: file})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range p.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		file + `: sheet "Sheet1" row 2, column D (as_of): the cell holds a formula, =DATE(2026,6,30): its value as the spreadsheet last computed it, "46203", is imported`,
		file + `: sheet "Sheet1" row 2, column E (note): the cell holds a formula, =B2&" x", with no computed value: it reads as blank. Open and save the workbook in a spreadsheet program, or paste the values`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(p.Changes) != 1 || !strings.Contains(string(p.Changes[0].New), "as_of = 2026-06-30\nlevel = \"in-progress\"\n") {
		t.Errorf("plan: %s", p.Summary())
	}
}

// FuzzReadXLSX feeds arbitrary worksheet XML, in a workbook, and arbitrary archives to the
// XLSX reader and the row parser: neither may panic, and every error must carry the file's
// name.
func FuzzReadXLSX(f *testing.F) {
	f.Add(sheetXML("", []string{"code", "level"}, []string{"03664", "standard"}), []byte(nil))
	f.Add(sheetXML("", []string{"code", "=A1|x"}, []string{"03664", "=B2"}), []byte(nil))
	f.Add(`<worksheet><sheetData><row><c r="XFE1" t="s"><v>9</v></c></row></sheetData></worksheet>`, []byte(nil))
	f.Add(`<!DOCTYPE x [<!ENTITY a "b">]><worksheet/>`, []byte(nil))
	f.Add(`<worksheet><sheetData><row r="-1"><c t="inlineStr"><is><t>_x0007__x005F_</t><rPh><t>x</t></rPh></is></c></row>`, []byte("PK\x03\x04"))
	lim := model.Limits{MaxSheetRows: 50, MaxSheetCells: 500, MaxSheetPartBytes: 1 << 16}
	f.Fuzz(func(t *testing.T, sheet string, archive []byte) {
		for _, data := range [][]byte{zipParts(t, xlsxParts(sheet), "", nil, 0), archive} {
			tb, err := ReadXLSX("f.xlsx", bytes.NewReader(data), int64(len(data)), "", lim)
			if err != nil {
				if !strings.HasPrefix(err.Error(), "f.xlsx: ") {
					t.Fatalf("error without the file name: %v", err)
				}
				continue
			}
			_, errs := Parse(tb)
			for _, e := range errs {
				if e.File != "f.xlsx" || (e.Col > 0 && e.Row == 0) {
					t.Fatalf("misplaced error: %+v", e)
				}
			}
		}
	})
}
