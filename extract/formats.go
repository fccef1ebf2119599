package extract

import (
	"bytes"
	"fmt"

	"github.com/jixiao/jixiao/extract/docx"
	"github.com/jixiao/jixiao/extract/html"
	"github.com/jixiao/jixiao/extract/table"
	"github.com/jixiao/jixiao/model"
)

// readOther reads the table formats.
func readOther(b []byte, format string) (*table.Result, error) {
	switch format {
	case model.FormatDocx:
		return docx.Read(bytes.NewReader(b), int64(len(b)), docx.DefaultLimits)
	case model.FormatHTML:
		return html.Read(b)
	}
	return nil, fmt.Errorf("unknown format %q", format)
}
