package extract

import (
	"fmt"

	"github.com/jixiao/jixiao/extract/table"
)

// readOther reads the table formats.
func readOther(b []byte, format string) (*table.Result, error) {
	return nil, fmt.Errorf("format %s is not supported yet", format)
}
