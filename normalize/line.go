package normalize

// Line is Text for a string that holds no line break, CR or LF, as a
// reader may know a cell's text to be (table.Cell.OneLine): it returns
// what Text returns, s without its leading and trailing white space,
// without searching s for line breaks first.
func Line(s string) string { return trimSpace(s) }
